"""Exportador do Anexo A (DESIGN.md §4.5): resultado puro -> bytes XLSX. Nunca toca o ORM.

Planilha simplificada para estimativa do valor mensal do serviço (item 10.7.3.7 do Anexo I da Portaria
SGD/MGI nº 1.070/2023, com a redação da Portaria SGD/MGI nº 6.055/2025).

Modo write-only do openpyxl: as linhas vão direto para o arquivo, então 5.000 linhas cabem em pouca memória;
o leiaute (linha de cada subtotal) é calculado antes, porque os totais ficam no cabeçalho.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from contratos.calculo import custo_por_profissional
from contratos.estimativa import (
    EXPERIENCIA_MINIMA_ANOS,
    FATOR_K_MAXIMO,
    REGRA_UM_PROFISSIONAL,
    Estimativa,
    experiencia_minima,
    formatar_numero,
    formatar_reais,
)

TITULO_PADRAO = "Anexo A – Planilha simplificada para estimativa do valor mensal do serviço"
FORMATO_REAIS = '"R$" #,##0.00'
FORMATO_K = "0.00"
FORMATO_INTEIRO = "0"
FORMATO_DATA = "DD/MM/YYYY"

ABA_ANEXO = "Anexo A"
ABA_MEMORIA = "Memória de cálculo"
ABA_MAPA = "Mapa salarial"

# Leiaute da aba "Anexo A": cabeçalho nas linhas 1–6, títulos das colunas na 7, dados a partir da 8.
LINHA_TITULOS = 7
CELULA_MENSAL = "I2"
CELULA_MESES = "I4"
COLUNAS = (
    ("Ordem de Serviço", 18),
    ("Código", 14),
    ("Perfil profissional", 48),
    ("Senioridade", 12),
    ("Quantidade estimada", 12),
    ("Remuneração mensal (R$)", 17),
    ("Fator-K adotado", 10),
    ("Custo por profissional (R$)", 19),
    ("Valor mensal (R$)", 19),
    ("Observação", 40),
)
# Excel aceita até 255 argumentos por função: os subtotais entram em blocos de SUM aninhados.
SUBTOTAIS_POR_SOMA = 200


@dataclass(frozen=True)
class CabecalhoAnexoA:
    orgao: str
    uasg: str
    processo: str
    objeto: str
    mapa_ato: str  # ex.: "Portaria SGD/MGI nº 6.055/2025 (Anexo II da Portaria SGD/MGI nº 1.070/2023)"
    mapa_vigencia: date
    gerado_em: date  # passado por quem chama (módulo sem relógio); aceita datetime
    titulo: str = TITULO_PADRAO


@dataclass(frozen=True)
class PerfilMapa:
    """Uma linha da versão do mapa salarial fixada na contratação."""

    codigo: str
    perfil: str
    senioridade: str
    remuneracao: Decimal
    fator_k: Decimal


def nome_arquivo(processo: str, data: date) -> str:
    """Nome do download com o nº do processo e a data: anexo-a_19974.002200-2024-01_2026-11-22.xlsx."""
    limpo = re.sub(r"[^0-9A-Za-z.\-]+", "-", processo).strip("-.") or "sem-processo"
    return f"anexo-a_{limpo}_{data:%Y-%m-%d}.xlsx"


def _texto_seguro(valor) -> str:
    # Caracteres de controle colados de outros sistemas fariam o openpyxl recusar o arquivo inteiro.
    texto = "" if valor is None else str(valor)
    if not texto.isprintable():  # atalho: texto imprimível não tem caractere de controle
        texto = ILLEGAL_CHARACTERS_RE.sub("", texto)
    return texto[:32767]


class _Escritor:
    """Fábrica de células de uma aba write-only, com estilos pré-montados (copiar StyleArray é barato)."""

    def __init__(self, ws):
        self.ws = ws
        self._estilos: dict[str, StyleArray] = {}
        self._textos_simples: dict[str, str] = {}  # OS, códigos e perfis se repetem em milhares de linhas

    def estilo(self, nome: str, **atributos) -> None:
        modelo = Cell(self.ws, row=1, column=1)
        for atributo, valor in atributos.items():
            setattr(modelo, atributo, valor)
        self._estilos[nome] = modelo._style

    def texto(self, valor, estilo: str | None = None) -> Cell | str | None:
        """Texto do usuário: sempre célula de texto, nunca fórmula nem erro (injeção de fórmula).

        O openpyxl só foge do tipo texto para str que começa com "=" ou que é um código de erro ("#N/A"):
        esses (e os com estilo) viram Cell com data_type "s"; os demais vão como str, que é texto e é bem
        mais rápido no modo write-only.
        """
        if estilo is None:
            simples = self._textos_simples.get(valor)
            if simples is not None:
                return simples
        texto = _texto_seguro(valor)
        if estilo is None and not texto:
            return None  # célula vazia não é gravada (ex.: senioridade de GERINF)
        if estilo is None and not texto.startswith("=") and texto not in ERROR_CODES:
            if isinstance(valor, str):
                self._textos_simples[valor] = texto
            return texto
        celula = Cell(self.ws, row=1, column=1, value=texto, style_array=self._estilos.get(estilo))
        celula.data_type = "s"
        return celula

    def valor(self, valor, estilo: str | None = None) -> Cell:
        """Número, data ou fórmula escrita por nós (nunca texto do usuário)."""
        return Cell(self.ws, row=1, column=1, value=valor, style_array=self._estilos.get(estilo))


def _preparar_estilos(escritor: _Escritor) -> None:
    negrito = Font(bold=True)
    escritor.estilo("titulo", font=Font(bold=True, size=14))
    escritor.estilo("rotulo", font=negrito)
    escritor.estilo(
        "cabecalho_coluna",
        font=negrito,
        fill=PatternFill("solid", fgColor="DDE6F4"),
        alignment=Alignment(wrap_text=True, vertical="center"),
    )
    escritor.estilo("reais", number_format=FORMATO_REAIS)
    escritor.estilo("reais_negrito", number_format=FORMATO_REAIS, font=negrito)
    escritor.estilo("k", number_format=FORMATO_K)
    escritor.estilo("k_alterado", number_format=FORMATO_K, fill=PatternFill("solid", fgColor="FFF2CC"))
    escritor.estilo("inteiro", number_format=FORMATO_INTEIRO)
    escritor.estilo("inteiro_negrito", number_format=FORMATO_INTEIRO, font=negrito)
    escritor.estilo("data", number_format=FORMATO_DATA)
    escritor.estilo("quebra", alignment=Alignment(wrap_text=True, vertical="top"))


def _configurar_aba(ws, larguras: Sequence[float], *, linha_titulos: int) -> None:
    for indice, largura in enumerate(larguras):
        ws.column_dimensions[chr(ord("A") + indice)].width = largura
    ws.freeze_panes = f"A{linha_titulos + 1}"
    ws.print_title_rows = f"{linha_titulos}:{linha_titulos}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Página &P de &N"


def _validacao_inteiro_positivo(titulo: str, mensagem: str) -> DataValidation:
    return DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="1",
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=titulo,
        error=mensagem,
    )


def _soma(referencias: Sequence[str]) -> str:
    if not referencias:
        return "=0"
    blocos = [referencias[i : i + SUBTOTAIS_POR_SOMA] for i in range(0, len(referencias), SUBTOTAIS_POR_SOMA)]
    if len(blocos) == 1:
        return f"=SUM({','.join(blocos[0])})"
    return "=SUM(" + ",".join(f"SUM({','.join(b)})" for b in blocos) + ")"


def _como_datetime(valor: date) -> datetime:
    return valor if isinstance(valor, datetime) else datetime.combine(valor, time())


def _aba_anexo(wb: Workbook, cab: CabecalhoAnexoA, est: Estimativa) -> None:
    ws = wb.create_sheet(ABA_ANEXO)
    _configurar_aba(ws, [largura for _, largura in COLUNAS], linha_titulos=LINHA_TITULOS)
    e = _Escritor(ws)
    _preparar_estilos(e)
    # A equipe edita quantidades e meses no Excel: a planilha recusa o que a aplicação também recusaria.
    quantidades = _validacao_inteiro_positivo(
        "Quantidade estimada",
        "Informe uma quantidade inteira, maior ou igual a 1 (ao menos 1 profissional por perfil).",
    )
    meses = _validacao_inteiro_positivo(
        "Meses de vigência", "Informe um número inteiro de meses, maior ou igual a 1."
    )
    meses.add(CELULA_MESES)
    ws.data_validations.append(meses)

    # Linha do subtotal de cada item, para as fórmulas dos totais no cabeçalho.
    linha_subtotal = []
    linha = LINHA_TITULOS + 1
    for ic in est.itens:
        linha_subtotal.append(linha + len(ic.linhas) + 1)
        linha += len(ic.linhas) + 3

    total = _soma([f"I{r}" for r in linha_subtotal])
    vigencia = f"vigente desde {cab.mapa_vigencia:%d/%m/%Y}"
    ws.append([e.texto(cab.titulo, "titulo")])
    ws.append(
        [
            e.texto("Órgão", "rotulo"),
            e.texto(cab.orgao),
            None,
            None,
            None,
            None,
            None,
            e.texto("Valor mensal total", "rotulo"),
            e.valor(total, "reais_negrito"),
        ]
    )
    ws.append(
        [
            e.texto("UASG", "rotulo"),
            e.texto(cab.uasg),
            None,
            None,
            None,
            None,
            None,
            e.texto("Valor anual (12 meses)", "rotulo"),
            e.valor(f"={CELULA_MENSAL}*12", "reais_negrito"),
        ]
    )
    ws.append(
        [
            e.texto("Processo", "rotulo"),
            e.texto(cab.processo),
            None,
            None,
            None,
            None,
            None,
            e.texto("Meses de vigência estimada", "rotulo"),
            e.valor(est.meses, "inteiro_negrito"),
        ]
    )
    ws.append(
        [
            e.texto("Objeto", "rotulo"),
            e.texto(cab.objeto),
            None,
            None,
            None,
            None,
            None,
            e.texto("Valor no período (× meses)", "rotulo"),
            e.valor(f"={CELULA_MENSAL}*{CELULA_MESES}", "reais_negrito"),
        ]
    )
    ws.append(
        [
            e.texto("Mapa salarial", "rotulo"),
            e.texto(f"{cab.mapa_ato}, {vigencia}"),
            None,
            None,
            None,
            None,
            None,
            e.texto("Gerado em", "rotulo"),
            e.valor(_como_datetime(cab.gerado_em), "data"),
        ]
    )
    ws.append([e.texto(titulo, "cabecalho_coluna") for titulo, _ in COLUNAS])

    linha = LINHA_TITULOS + 1
    for ic in est.itens:
        ws.append([e.texto(f"Item {ic.item.numero} – {ic.item.descricao}", "rotulo")])
        primeira = linha + 1
        for r, lc in enumerate(ic.linhas, start=primeira):
            lp = lc.linha
            alterado = lp.fator_k_alterado
            ws.append(
                [
                    e.texto(lp.ordem_servico),
                    e.texto(lp.codigo),
                    e.texto(lp.perfil),
                    e.texto(lp.senioridade),
                    lp.quantidade,  # formato Geral já mostra inteiro; uma célula com estilo a menos por linha
                    e.valor(lp.remuneracao, "reais"),
                    e.valor(lp.fator_k, "k_alterado" if alterado else "k"),
                    e.valor(f"=ROUND(F{r}*G{r},2)", "reais"),
                    e.valor(f"=E{r}*H{r}", "reais"),
                    e.texto(
                        f"Fator-K do mapa: {formatar_numero(lp.fator_k_mapa)}; justificativa na aba "
                        f"“{ABA_MEMORIA}”"
                    )
                    if alterado
                    else None,
                ]
            )
        ultima = primeira + len(ic.linhas) - 1
        if ic.linhas:
            quantidades.add(f"E{primeira}:E{ultima}")
        subtotal = f"=SUM(I{primeira}:I{ultima})" if ic.linhas else "=0"
        ws.append(
            [
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                e.texto(f"Subtotal mensal do Item {ic.item.numero}", "rotulo"),
                e.valor(subtotal, "reais_negrito"),
            ]
        )
        ws.append([])
        linha += len(ic.linhas) + 3
    if quantidades.sqref:
        ws.data_validations.append(quantidades)


def _aba_memoria(wb: Workbook, cab: CabecalhoAnexoA, est: Estimativa) -> None:
    ws = wb.create_sheet(ABA_MEMORIA)
    alteradas = [
        (ic.item.numero, lc.linha) for ic in est.itens for lc in ic.linhas if lc.linha.fator_k_alterado
    ]
    regras = [
        "Base: Portaria SGD/MGI nº 1.070/2023, Anexo II (Mapa de Pesquisa Salarial de Referência), "
        f"na versão "
        f"{cab.mapa_ato}, vigente desde {cab.mapa_vigencia:%d/%m/%Y}.",
        "Custo por profissional = remuneração mensal do perfil × Fator-K adotado, arredondado ao centavo, "
        "meio centavo para cima (função ARRED/ROUND com 2 casas) (item 6).",
        "Valor mensal da linha = quantidade estimada × custo por profissional.",
        "Subtotal do item = soma das suas linhas; valor mensal total = soma dos itens; "
        "valor anual = 12 × valor mensal; valor no período = meses de vigência × valor mensal. "
        "Não há outro arredondamento.",
        "Fator-K: adota-se o do mapa (item 4). Outro valor só com justificativa e a respectiva memória de "
        f"cálculo, nunca superior a {formatar_numero(FATOR_K_MAXIMO)}; os casos estão listados abaixo.",
        "Na análise das propostas, um Fator-K implícito (preço unitário ÷ remuneração) acima de "
        f"{formatar_numero(FATOR_K_MAXIMO)} deve ser objeto de diligência e análise pormenorizada (item 5).",
        "O quantitativo, os perfis e a pesquisa salarial destinam-se à estimativa de preços e à definição do "
        "valor de referência da contratação (item 10.8.7).",
        REGRA_UM_PROFISSIONAL,
        "Experiência mínima (item 7): "
        + "; ".join(
            f"{s} – ao menos {n} {'ano' if n == 1 else 'anos'}" for s, n in EXPERIENCIA_MINIMA_ANOS.items()
        )
        + ".",
        f"Valores calculados pelo PlanejaTIC na geração: mensal {formatar_reais(est.mensal)}; anual "
        f"{formatar_reais(est.anual)}; no período de {est.meses} meses {formatar_reais(est.periodo)}.",
    ]
    titulos = (
        "Item",
        "Ordem de Serviço",
        "Código",
        "Perfil profissional",
        "Fator-K do mapa",
        "Fator-K adotado",
        "Justificativa (memória de cálculo)",
    )
    linha_titulos = 3 + len(regras) + 3
    _configurar_aba(ws, [10, 18, 14, 40, 12, 12, 90], linha_titulos=linha_titulos)
    ws.freeze_panes = None  # o texto das regras vem antes da tabela; congelar esconderia metade da tela
    e = _Escritor(ws)
    _preparar_estilos(e)
    ws.append([e.texto(f"{ABA_MEMORIA} – {cab.titulo}", "titulo")])
    ws.append([e.texto(f"Processo {cab.processo} – {cab.orgao}")])
    ws.append([e.texto("Regras aplicadas", "rotulo")])
    for numero, regra in enumerate(regras, start=1):
        ws.append([e.texto(f"{numero}. {regra}")])
    ws.append([])
    ws.append([e.texto("Fator-K diferente do mapa, com justificativa", "rotulo")])
    ws.append([e.texto(t, "cabecalho_coluna") for t in titulos])
    if not alteradas:
        ws.append([e.texto("Nenhum Fator-K diferente do mapa: todas as linhas usam o Fator-K do mapa.")])
    for numero, lp in alteradas:
        ws.append(
            [
                e.valor(numero, "inteiro"),
                e.texto(lp.ordem_servico),
                e.texto(lp.codigo),
                e.texto(lp.perfil),
                e.valor(lp.fator_k_mapa, "k"),
                e.valor(lp.fator_k, "k"),
                e.texto(lp.justificativa, "quebra"),
            ]
        )


def _aba_mapa(wb: Workbook, cab: CabecalhoAnexoA, mapa: Sequence[PerfilMapa]) -> None:
    ws = wb.create_sheet(ABA_MAPA)
    _configurar_aba(ws, [14, 60, 12, 20, 10, 22, 14], linha_titulos=4)
    e = _Escritor(ws)
    _preparar_estilos(e)
    ws.append([e.texto("Mapa de Pesquisa Salarial de Referência (versão fixada na contratação)", "titulo")])
    ws.append([e.texto(cab.mapa_ato)])
    ws.append([e.texto(f"Vigente desde {cab.mapa_vigencia:%d/%m/%Y}")])
    ws.append(
        [
            e.texto(t, "cabecalho_coluna")
            for t in (
                "Código",
                "Perfil profissional",
                "Senioridade",
                "Remuneração mensal (R$)",
                "Fator-K",
                "Custo total estimado (R$)",
                "Experiência mínima (anos)",
            )
        ]
    )
    for p in mapa:
        anos = experiencia_minima(p.senioridade)
        ws.append(
            [
                e.texto(p.codigo),
                e.texto(p.perfil),
                e.texto(p.senioridade),
                e.valor(p.remuneracao, "reais"),
                e.valor(p.fator_k, "k"),
                e.valor(custo_por_profissional(p.remuneracao, p.fator_k), "reais"),
                e.valor(anos, "inteiro") if anos is not None else None,
            ]
        )


def gerar_anexo_a(*, cabecalho: CabecalhoAnexoA, estimativa: Estimativa, mapa: Sequence[PerfilMapa]) -> bytes:
    """Monta o XLSX do Anexo A com fórmulas vivas (a equipe edita quantidades no Excel/LibreOffice)."""
    wb = Workbook(write_only=True)
    _aba_anexo(wb, cabecalho, estimativa)
    _aba_memoria(wb, cabecalho, estimativa)
    _aba_mapa(wb, cabecalho, mapa)

    props = wb.properties
    props.title = _texto_seguro(f"{cabecalho.titulo} – processo {cabecalho.processo}")[:250]
    props.subject = _texto_seguro(cabecalho.objeto)[:250]
    props.creator = "PlanejaTIC"
    props.keywords = "Anexo A; estimativa; Portaria SGD/MGI nº 1.070/2023; Portaria SGD/MGI nº 6.055/2025"
    props.description = _texto_seguro(f"{cabecalho.orgao} – mapa: {cabecalho.mapa_ato}")[:250]
    props.created = _como_datetime(cabecalho.gerado_em)

    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()
