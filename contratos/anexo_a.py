"""Exportador do Anexo A (DESIGN.md §4.5): resultado puro -> bytes XLSX. Nunca toca o ORM.

Planilha simplificada para estimativa do valor mensal do serviço (item 10.7.3.7 do Anexo I da Portaria
SGD/MGI nº 1.070/2023, com a redação da Portaria SGD/MGI nº 6.055/2025).

Modo write-only do openpyxl (streaming): cada linha vai para o arquivo temporário da aba assim que é
montada, e a memória não cresce com o número de linhas (~4 KiB por linha no modo normal: 79 MiB com 20 mil
linhas; ver bench/anexo_a.py). Por isso tudo o que o openpyxl grava antes das linhas (larguras, painéis
congelados, configuração da página) é definido antes da primeira linha, e o leiaute (linha de cada
subtotal) é calculado antes, porque os totais ficam no cabeçalho. Validações, rodapé e propriedades vão
depois das linhas no XML: podem ser definidos até a gravação.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from contratos.calculo import custo_por_profissional
from contratos.estimativa import (
    EXPERIENCIA_MINIMA_ANOS,
    FATOR_K_MAXIMO,
    MESES_POR_ANO,
    REGRA_UM_PROFISSIONAL,
    Estimativa,
    experiencia_minima,
    formatar_numero,
    formatar_reais,
)
from core.carimbo import Carimbo, carimbar_xlsx
from core.celulas import texto_seguro

TITULO_PADRAO = "Anexo A – Planilha simplificada para estimativa do valor mensal do serviço"
FORMATO_REAIS = '"R$" #,##0.00'
FORMATO_REAIS_4 = '"R$" #,##0.0000'  # preço unitário de consumo de nuvem (§4.3: 4 casas)
FORMATO_QUANTIDADE = "#,##0.0000"
FORMATO_K = "0.00"
FORMATO_INTEIRO = "0"
FORMATO_DATA = "DD/MM/YYYY"

ABA_ANEXO = "Anexo A"
ABA_MEMORIA = "Memória de cálculo"
ABA_MAPA = "Mapa salarial"

# Fonte nomeada em toda a pasta (a padrão e a dos estilos): sem nome, o LibreOffice cai numa serifada; com
# Calibri, que as máquinas Linux não têm, numa substituta ~25% mais larga, e a largura das colunas (medida na
# fonte padrão) cresce junto. Arial existe no Windows, e o LibreOffice a troca pela Liberation Sans, de
# mesmas métricas: a página sai igual nos dois.
FONTE = "Arial"
TAMANHO_FONTE = 10
ALTURA_LINHA_PT = 13  # uma linha de texto em Arial 10
# Unidades de largura (≈ um dígito em Arial 10) por caractere, com folga: texto comum e negrito.
UNIDADES_POR_CARACTERE = 0.92  # medido: 0,83 em texto corrido; 1,17 em códigos em maiúsculas
UNIDADES_POR_CARACTERE_NEGRITO = 1.0
MARGEM_LATERAL_POL = 0.25
MARGEM_VERTICAL_POL = 0.6

# Leiaute da aba "Anexo A": cabeçalho nas linhas 1–6, títulos das colunas na 7, dados a partir da 8.
# Larguras para A4 paisagem a ~90% (o LibreOffice reduz o que passar de ~144 unidades entre as margens):
# códigos e valores até R$ 999.999.999,99 numa linha; perfis longos, títulos e observações com quebra.
LINHA_TITULOS = 7
COLUNAS = (
    ("Ordem de Serviço", 13.5),
    ("Código", 13.5),
    ("Perfil profissional", 40),
    ("Senioridade", 11.5),
    ("Quantidade estimada", 10.5),
    ("Remuneração mensal (R$)", 12.5),
    ("Fator-K adotado", 8),
    ("Custo por profissional (R$)", 14),
    ("Valor mensal (R$)", 17),
    ("Observação", 18),
)
# O texto do cabeçalho (órgão, objeto, mapa) ocupa da coluna B à G, com quebra de linha; o título de cada
# item, a linha toda.
COLUNAS_TEXTO_CABECALHO = ("B", "G")
TODAS_AS_COLUNAS = ("A", get_column_letter(len(COLUNAS)))
LARGURA_PERFIL = COLUNAS[2][1]
LARGURA_OBSERVACAO = COLUNAS[-1][1]
COLUNAS_NUVEM = (
    "Categoria",
    "Código",
    "Serviço",
    "Unidade de medida",
    "Quantidade mensal",
    "Preço unitário (R$)",
    None,
    None,
    "Valor mensal (R$)",
    "Observação",
)


def _letra(titulos: Sequence[str | None], titulo: str) -> str:
    return get_column_letter(titulos.index(titulo) + 1)


_TITULOS = [titulo for titulo, _ in COLUNAS]
# As fórmulas citam as colunas pela letra; COLUNAS_NUVEM põe o valor mensal na mesma coluna dos perfis.
COL_QUANTIDADE = _letra(_TITULOS, "Quantidade estimada")
COL_REMUNERACAO = _letra(_TITULOS, "Remuneração mensal (R$)")
COL_K = _letra(_TITULOS, "Fator-K adotado")
COL_CUSTO = _letra(_TITULOS, "Custo por profissional (R$)")
COL_VALOR = _letra(_TITULOS, "Valor mensal (R$)")
COL_QUANTIDADE_NUVEM = _letra(COLUNAS_NUVEM, "Quantidade mensal")
COL_PRECO = _letra(COLUNAS_NUVEM, "Preço unitário (R$)")
# Os totais no cabeçalho: rótulo na coluna antes do valor, valor na coluna dos valores mensais.
INDICE_VALOR = _TITULOS.index("Valor mensal (R$)")
INDICE_OBSERVACAO = _TITULOS.index("Observação")
CELULA_MENSAL = f"{COL_VALOR}2"
CELULA_MESES = f"{COL_VALOR}4"
AVISO_ILUSTRATIVO = (
    "Valores ilustrativos: serviços de um catálogo de exemplo, não oficial (os preços reais do "
    "SERPRO não são públicos). Não use como preço de referência."
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


def _estilos() -> dict[str, NamedStyle]:
    """Estilos nomeados da pasta (aparecem em "Estilos de célula" no Excel e no LibreOffice)."""
    negrito = _fonte(bold=True)
    no_alto = Alignment(vertical="top")
    definicoes = {
        "titulo": {"font": _fonte(bold=True, size=14)},
        "rotulo": {"font": negrito, "alignment": no_alto},
        # à direita: o rótulo longo ("Subtotal mensal do Item 12") avança sobre as células vazias à esquerda
        "rotulo_direita": {"font": negrito, "alignment": Alignment(horizontal="right", vertical="top")},
        "rotulo_quebra": {
            "font": negrito,
            "alignment": Alignment(horizontal="right", vertical="top", wrap_text=True),
        },
        "cabecalho_coluna": {
            "font": negrito,
            "fill": PatternFill("solid", fgColor="DDE6F4"),
            "alignment": Alignment(wrap_text=True, vertical="center"),
        },
        "reais": {"number_format": FORMATO_REAIS},
        "reais_negrito": {"number_format": FORMATO_REAIS, "font": negrito, "alignment": no_alto},
        "reais4": {"number_format": FORMATO_REAIS_4},
        "quantidade": {"number_format": FORMATO_QUANTIDADE},
        "alerta": {
            "font": _fonte(bold=True, color="9C0006"),
            "fill": PatternFill("solid", fgColor="FFEB9C"),
            "alignment": Alignment(wrap_text=True, vertical="top"),
        },
        "rotulo_largo": {"font": negrito, "alignment": Alignment(wrap_text=True, vertical="top")},
        "k": {"number_format": FORMATO_K},
        "k_alterado": {"number_format": FORMATO_K, "fill": PatternFill("solid", fgColor="FFF2CC")},
        "inteiro": {"number_format": FORMATO_INTEIRO},
        "inteiro_negrito": {"number_format": FORMATO_INTEIRO, "font": negrito, "alignment": no_alto},
        "data": {"number_format": FORMATO_DATA, "alignment": no_alto},
        "quebra": {"alignment": Alignment(wrap_text=True, vertical="top")},
        # nas linhas de dados, embaixo como as células sem estilo da mesma linha
        "quebra_dados": {"alignment": Alignment(wrap_text=True, vertical="bottom")},
    }
    for attrs in definicoes.values():
        attrs.setdefault("font", _fonte())
    return {chave: NamedStyle(name=f"Anexo A {chave}", **attrs) for chave, attrs in definicoes.items()}


def _fonte(**extra) -> Font:
    return Font(**{"name": FONTE, "size": TAMANHO_FONTE, **extra})


def _fonte_padrao(wb: Workbook) -> None:
    """A fonte das células sem estilo e a base da largura das colunas (a fonte 0 da pasta, a do estilo
    "Normal"). O openpyxl não tem API pública para ela: esta é a única troca fora da API, num ponto só."""
    wb._fonts = IndexedList([_fonte()])


@lru_cache(maxsize=4096)  # perfis e serviços se repetem em milhares de linhas
def linhas_de_texto(texto: str, largura: float, *, negrito: bool = False) -> int:
    """Quantas linhas o texto ocupa numa célula com quebra de `largura` unidades (estimativa com folga,
    por palavras, em Arial 10): a altura da linha sai disso, porque o LibreOffice não a recalcula ao abrir."""
    por_caractere = UNIDADES_POR_CARACTERE_NEGRITO if negrito else UNIDADES_POR_CARACTERE
    cabem = max(int((largura - 1) / por_caractere), 1)
    total = 0
    for paragrafo in str(texto).split("\n"):
        linhas, atual = 1, 0
        for palavra in paragrafo.split():
            if atual and atual + 1 + len(palavra) > cabem:
                linhas, atual = linhas + 1, 0
            atual = atual + 1 + len(palavra) if atual else len(palavra)
            while atual > cabem:  # palavra maior que a linha: continua na seguinte
                linhas, atual = linhas + 1, atual - cabem
        total += linhas
    return total


def altura_para(linhas: int) -> float:
    return linhas * ALTURA_LINHA_PT + 2


_CELULA = object()  # o texto vai como Cell de tipo texto mesmo sem estilo


def _texto_e_forma(valor) -> tuple[str, object]:
    """O texto seguro e como ele vai sem estilo: a própria str, None (vazio: a célula não é gravada, ex.:
    senioridade de GERINF) ou _CELULA."""
    texto = texto_seguro(valor)
    if not texto:
        return texto, None
    if texto.startswith("=") or texto in ERROR_CODES:
        return texto, _CELULA
    return texto, texto


class _Altura(RowDimension):
    """RowDimension que ninguém altera depois de criada: guarda os atributos que o write-only copia para
    cada linha dessa altura, em vez de relê-los (uma dezena de getattr) a cada linha."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._atributos = tuple(super().__iter__())

    def __iter__(self):
        return iter(self._atributos)


class _Escritor:
    """Monta as linhas de uma aba: texto vira sempre célula de texto; números e fórmulas são nossos."""

    def __init__(self, ws, estilos: dict[str, NamedStyle]):
        self.ws = ws
        # o arranjo de cada estilo nomeado, calculado uma vez por aba e não a cada célula
        self._arranjos = {nome: estilo.as_tuple() for nome, estilo in estilos.items()}
        self._textos: dict[object, tuple[str, object]] = {}
        self._alturas: dict[int, _Altura] = {}
        self.proxima = 1  # número da próxima linha a escrever

    def _celula(self, valor, estilo: str | None) -> Cell:
        # `celula.style = nome` (a API documentada) procura o estilo pelo nome numa lista a cada célula (no
        # modo normal, com 5.000 linhas, 0,76 s de CPU contra 0,66 s assim; bench/anexo_a.py). Assim a célula
        # nasce com o arranjo do estilo nomeado já registrado (`NamedStyle.as_tuple()`, o mesmo que a
        # atribuição por nome copia), pelo parâmetro `style_array` do construtor; nada privado (sem `_style`
        # nem StyleArray). No write-only, `ws.append` aceita a Cell pronta no lugar do valor; linha e coluna
        # provisórias como no WriteOnlyCell (o append as troca).
        if estilo is None:
            return Cell(self.ws, row=1, column=1, value=valor)
        return Cell(self.ws, row=1, column=1, value=valor, style_array=self._arranjos[estilo])

    def texto(self, valor, estilo: str | None = None) -> Cell | str | None:
        """Texto (do usuário ou nosso), nunca fórmula nem erro (injeção de fórmula).

        O openpyxl só foge do tipo texto para str que começa com "=" ou que é código de erro ("#N/A"):
        esses, e os com estilo, viram Cell com data_type "s"; os demais vão como str, que já é texto.
        """
        # Cache por pasta (não por processo): OS, códigos e perfis se repetem em milhares de linhas; guarda
        # também o que vai sem estilo, decidido uma vez por texto.
        guardado = self._textos.get(valor)
        if guardado is None:
            guardado = self._textos[valor] = _texto_e_forma(valor)
        texto, sem_estilo = guardado
        if estilo is None and sem_estilo is not _CELULA:
            return sem_estilo
        celula = self._celula(texto, estilo)
        celula.data_type = "s"
        return celula

    def valor(self, valor, estilo: str | None = None):
        """Número, data ou fórmula escrita por nós (nunca texto do usuário)."""
        if estilo is None:
            return valor
        return self._celula(valor, estilo)

    def linha(self, celulas: Sequence = ()) -> None:
        self.ws.append(celulas)
        self.proxima += 1

    def texto_largo(
        self, texto: str, colunas: tuple[str, str], estilo: str = "quebra", extras=(), *, minimo: int = 1
    ) -> None:
        """Uma linha com `texto` quebrado nas `colunas` mescladas (e as células `extras` depois delas), na
        altura que ele pede (ou `minimo` linhas)."""
        inicio, fim = colunas
        _mesclar(self.ws, f"{inicio}{self.proxima}:{fim}{self.proxima}")
        largura = _largura(self.ws, inicio, fim)
        self.altura(max(minimo, linhas_de_texto(texto, largura, negrito=estilo != "quebra")))
        self.linha([self.texto(texto, estilo), *extras])

    def altura(self, linhas: int) -> None:
        """Altura da próxima linha (antes de escrevê-la: o write-only não volta atrás)."""
        if linhas > 1:
            # Uma RowDimension por altura, a mesma em todas as linhas dessa altura (como o leitor do openpyxl,
            # que atribui RowDimension pronta): ao gravar a linha, o write-only só copia dela a altura, nunca
            # o índice. Criar uma por linha (uma dezena de descritores cada) era metade do custo das alturas
            # com 20 mil linhas (bench/anexo_a.py), e cada uma ficava na memória até o fim.
            dimensao = self._alturas.get(linhas)
            if dimensao is None:
                dimensao = self._alturas[linhas] = _Altura(self.ws, height=altura_para(linhas))
            self.ws.row_dimensions[self.proxima] = dimensao


def _configurar_aba(ws, larguras: Sequence[float], *, linha_titulos: int, cabecalho: str = "") -> None:
    """Larguras, painel congelado e impressão: A4 paisagem, a largura numa página (o LibreOffice só reduz se
    não couber), a linha dos títulos repetida em cada página, cabeçalho e "Página N de M". Só usa o que a
    aba de escrita contínua (write-only) também tem."""
    for indice, largura in enumerate(larguras, start=1):
        ws.column_dimensions[get_column_letter(indice)].width = largura
    ws.freeze_panes = f"A{linha_titulos + 1}"
    ws.print_title_rows = f"{linha_titulos}:{linha_titulos}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGEM_LATERAL_POL
    ws.page_margins.top = ws.page_margins.bottom = MARGEM_VERTICAL_POL
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if cabecalho:
        # "&" é código de cabeçalho no Excel: dobrado, sai literal; o Excel aceita até 255 caracteres
        ws.oddHeader.left.text = cabecalho.replace("&", "&&")[:200]
    ws.oddHeader.right.text = "&A"  # o nome da aba
    ws.oddFooter.center.text = "Página &P de &N"
    # o carimbo (core.carimbo) escreve depois só o texto do rodapé à esquerda: a fonte já fica aqui
    for parte in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.center):
        parte.font = f"{FONTE},Regular"
        parte.size = 8


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


def _validacao_quantidade_positiva() -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="greaterThan",
        formula1="0",
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Quantidade mensal",
        error="Informe uma quantidade mensal maior que zero (pode ser fracionária, por exemplo 1,5).",
    )


def _linhas_do_bloco(ic) -> int:
    """Linhas ocupadas por um item: título, [títulos das colunas de catálogo], linhas, subtotal, em branco."""
    return len(ic.linhas_nuvem) + 4 if ic.item.e_catalogo else len(ic.linhas) + 3


def _na_coluna(inicio: Sequence, indice: int, *celulas) -> list:
    """`inicio` e, a partir da coluna `indice` (0 = A), as `celulas`; vazias no meio."""
    return [*inicio, *[None] * (indice - len(inicio)), *celulas]


def _como_datetime(valor: date) -> datetime:
    return valor if isinstance(valor, datetime) else datetime.combine(valor, time())


def _aba_anexo(wb: Workbook, estilos: dict[str, NamedStyle], cab: CabecalhoAnexoA, est: Estimativa) -> None:
    ws = wb.create_sheet(ABA_ANEXO)
    _configurar_aba(
        ws,
        [largura for _, largura in COLUNAS],
        linha_titulos=LINHA_TITULOS,
        cabecalho=_cabecalho_da_pagina(cab),
    )
    e = _Escritor(ws, estilos)
    # A equipe edita quantidades e meses no Excel: a planilha recusa o que a aplicação também recusaria.
    quantidades = _validacao_inteiro_positivo(
        "Quantidade estimada",
        "Informe uma quantidade inteira, maior ou igual a 1 (ao menos 1 profissional por perfil).",
    )
    meses = _validacao_inteiro_positivo(
        "Meses de vigência", "Informe um número inteiro de meses, maior ou igual a 1."
    )
    meses.add(CELULA_MESES)
    ws.data_validations.append(meses)  # a aba write-only não tem add_data_validation; a lista é a mesma

    quantidades_nuvem = _validacao_quantidade_positiva()

    # Linha do subtotal de cada item, para as fórmulas dos totais no cabeçalho.
    linha_subtotal = []
    linha = LINHA_TITULOS + 1
    for ic in est.itens:
        linha += _linhas_do_bloco(ic)
        linha_subtotal.append(linha - 2)

    total = _soma([f"{COL_VALOR}{r}" for r in linha_subtotal])
    vigencia = f"vigente desde {cab.mapa_vigencia:%d/%m/%Y}"
    titulo = [e.texto(cab.titulo, "titulo")]
    if est.valores_ilustrativos:
        titulo = _na_coluna(titulo, INDICE_VALOR - 1, e.texto(AVISO_ILUSTRATIVO, "alerta"))
        aviso = (get_column_letter(INDICE_VALOR), get_column_letter(len(COLUNAS)))
        _mesclar(ws, f"{aviso[0]}1:{aviso[1]}1")
        e.altura(linhas_de_texto(AVISO_ILUSTRATIVO, _largura(ws, *aviso), negrito=True))
    e.linha(titulo)
    cabecalho = (
        ("Órgão", cab.orgao, "Valor mensal total", total, "reais_negrito"),
        (
            "UASG",
            cab.uasg,
            f"Valor anual ({MESES_POR_ANO} meses)",
            f"={CELULA_MENSAL}*{MESES_POR_ANO}",
            "reais_negrito",
        ),
        ("Processo", cab.processo, "Meses de vigência estimada", est.meses, "inteiro_negrito"),
        (
            "Objeto",
            cab.objeto,
            "Valor no período (× meses)",
            f"={CELULA_MENSAL}*{CELULA_MESES}",
            "reais_negrito",
        ),
        ("Mapa salarial", f"{cab.mapa_ato}, {vigencia}", "Gerado em", _como_datetime(cab.gerado_em), "data"),
    )
    _alturas_do_cabecalho(ws, [(texto, rotulo_valor) for _, texto, rotulo_valor, _, _ in cabecalho])
    for rotulo, texto, rotulo_valor, valor, estilo in cabecalho:
        inicio = [e.texto(rotulo, "rotulo"), e.texto(texto, "quebra")]
        e.linha(
            _na_coluna(
                inicio, INDICE_VALOR - 1, e.texto(rotulo_valor, "rotulo_quebra"), e.valor(valor, estilo)
            )
        )
    e.linha([e.texto(titulo, "cabecalho_coluna") for titulo, _ in COLUNAS])

    linha = LINHA_TITULOS + 1
    for ic in est.itens:
        if ic.item.e_catalogo:
            _bloco_nuvem(e, ic, linha, quantidades_nuvem)
            linha += _linhas_do_bloco(ic)
            continue
        e.texto_largo(f"Item {ic.item.numero} – {ic.item.descricao}", TODAS_AS_COLUNAS, "rotulo_largo")
        primeira = linha + 1
        for r, lc in enumerate(ic.linhas, start=primeira):
            lp = lc.linha
            alterado = lp.fator_k_alterado
            # perfil longo e observação quebram na própria coluna; a altura da linha acompanha
            linhas_perfil = linhas_de_texto(lp.perfil, LARGURA_PERFIL)
            observacao = _observacao_k(lp) if alterado else ""
            e.altura(max(linhas_perfil, linhas_de_texto(observacao, LARGURA_OBSERVACAO)))
            e.linha(
                [
                    e.texto(lp.ordem_servico),
                    e.texto(lp.codigo),
                    e.texto(lp.perfil, "quebra_dados" if linhas_perfil > 1 else None),
                    e.texto(lp.senioridade),
                    lp.quantidade,  # formato Geral já mostra inteiro; uma célula com estilo a menos por linha
                    e.valor(lp.remuneracao, "reais"),
                    e.valor(lp.fator_k, "k_alterado" if alterado else "k"),
                    e.valor(f"=ROUND({COL_REMUNERACAO}{r}*{COL_K}{r},2)", "reais"),
                    e.valor(f"={COL_QUANTIDADE}{r}*{COL_CUSTO}{r}", "reais"),
                    e.texto(observacao, "quebra_dados") if alterado else None,
                ]
            )
        ultima = primeira + len(ic.linhas) - 1
        if ic.linhas:
            _acrescentar_faixa(quantidades.sqref, f"{COL_QUANTIDADE}{primeira}:{COL_QUANTIDADE}{ultima}")
        subtotal = f"=SUM({COL_VALOR}{primeira}:{COL_VALOR}{ultima})" if ic.linhas else "=0"
        _subtotal(e, ic.item.numero, subtotal)
        linha += len(ic.linhas) + 3
    if quantidades.sqref:
        ws.data_validations.append(quantidades)
    if quantidades_nuvem.sqref:
        ws.data_validations.append(quantidades_nuvem)


def _observacao_k(lp) -> str:
    return f"Fator-K do mapa: {formatar_numero(lp.fator_k_mapa)}; justificativa na aba “{ABA_MEMORIA}”"


def _cabecalho_da_pagina(cab: CabecalhoAnexoA) -> str:
    return f"{cab.orgao} – processo {cab.processo}"


def _mesclar(ws, referencia: str) -> None:
    """Mescla `referencia` (ex.: "A8:J8"); no máximo uma mesclagem por linha."""
    _acrescentar_faixa(ws.merged_cells, referencia)


def _acrescentar_faixa(faixas: MultiCellRange, referencia: str) -> None:
    """Acrescenta `referencia` a um conjunto de faixas (mesclagens, células de uma validação). O `add` do
    openpyxl compara antes a faixa com cada uma das já acrescentadas (quadrático no número de itens: um
    subtotal e uma mesclagem por item); as daqui nunca se sobrepõem (linhas diferentes), e a faixa vai direto
    ao conjunto `ranges`, o mesmo que o add preencheria."""
    faixas.ranges.add(CellRange(referencia))


def _largura(ws, inicio: str, fim: str) -> float:
    return sum(
        ws.column_dimensions[get_column_letter(c)].width
        for c in range(column_index_from_string(inicio), column_index_from_string(fim) + 1)
    )


def _alturas_do_cabecalho(ws, textos: Sequence[tuple[str, str]]) -> None:
    """Linhas 2 a 6: o texto (órgão, objeto...) de B a G com quebra, o rótulo do valor com quebra na coluna
    H; a altura de cada linha e a dos títulos das colunas vêm antes das linhas (o write-only exige)."""
    inicio, fim = COLUNAS_TEXTO_CABECALHO
    largura_texto = _largura(ws, inicio, fim)
    largura_rotulo = COLUNAS[INDICE_VALOR - 1][1]
    for linha, (texto, rotulo) in enumerate(textos, start=2):
        _mesclar(ws, f"{inicio}{linha}:{fim}{linha}")
        linhas = max(
            linhas_de_texto(texto, largura_texto), linhas_de_texto(rotulo, largura_rotulo, negrito=True)
        )
        ws.row_dimensions[linha].height = altura_para(linhas)
    ws.row_dimensions[LINHA_TITULOS].height = altura_para(
        max(linhas_de_texto(titulo, largura, negrito=True) for titulo, largura in COLUNAS)
    )


def _subtotal(e: _Escritor, numero: int, formula: str) -> None:
    """Subtotal do item na coluna dos valores mensais (o total do cabeçalho soma estas células) e uma linha
    em branco."""
    e.linha(
        _na_coluna(
            [],
            INDICE_VALOR - 1,
            e.texto(f"Subtotal mensal do Item {numero}", "rotulo_direita"),
            e.valor(formula, "reais_negrito"),
        )
    )
    e.linha([])


def _bloco_nuvem(e: _Escritor, ic, linha: int, quantidades: DataValidation) -> None:
    """Item de catálogo (nuvem ou serviços profissionais): valor mensal da linha =ROUND(quantidade*preço,2);
    subtotal =SUM."""
    item = ic.item
    tipo = "serviços de nuvem" if item.e_nuvem else "serviços profissionais"
    rotulo = f"Item {item.numero} – {item.descricao} ({tipo}: {item.catalogo})"
    formato_preco = "reais4" if item.e_nuvem else "reais"
    if item.catalogo_ilustrativo:
        aviso = "Valores ilustrativos (catálogo de exemplo)"
        fim = get_column_letter(INDICE_OBSERVACAO)  # o aviso fica na última coluna
        e.texto_largo(
            rotulo,
            ("A", fim),
            "rotulo_largo",
            [None] * (INDICE_OBSERVACAO - 1) + [e.texto(aviso, "alerta")],
            minimo=linhas_de_texto(aviso, LARGURA_OBSERVACAO, negrito=True),
        )
    else:
        e.texto_largo(rotulo, TODAS_AS_COLUNAS, "rotulo_largo")
    e.altura(
        max(
            linhas_de_texto(t, larg, negrito=True)
            for t, (_, larg) in zip(COLUNAS_NUVEM, COLUNAS, strict=True)
            if t
        )
    )
    e.linha([e.texto(t, "cabecalho_coluna") if t else None for t in COLUNAS_NUVEM])
    primeira = linha + 2
    for r, lc in enumerate(ic.linhas_nuvem, start=primeira):
        ln = lc.linha
        e.altura(
            max(
                linhas_de_texto(ln.servico, LARGURA_PERFIL),
                linhas_de_texto(ln.observacao, LARGURA_OBSERVACAO),
            )
        )
        e.linha(
            [
                e.texto(ln.categoria),
                e.texto(ln.codigo),
                e.texto(ln.servico, "quebra_dados"),
                e.texto(ln.unidade),
                e.valor(ln.quantidade, "quantidade"),
                e.valor(ln.preco_unitario, formato_preco),
                None,
                None,
                e.valor(f"=ROUND({COL_QUANTIDADE_NUVEM}{r}*{COL_PRECO}{r},2)", "reais"),
                e.texto(ln.observacao, "quebra_dados") if ln.observacao else None,
            ]
        )
    ultima = primeira + len(ic.linhas_nuvem) - 1
    if ic.linhas_nuvem:
        _acrescentar_faixa(
            quantidades.sqref, f"{COL_QUANTIDADE_NUVEM}{primeira}:{COL_QUANTIDADE_NUVEM}{ultima}"
        )
    subtotal = f"=SUM({COL_VALOR}{primeira}:{COL_VALOR}{ultima})" if ic.linhas_nuvem else "=0"
    _subtotal(e, item.numero, subtotal)


def regras_da_memoria(mapa_ato: str, mapa_vigencia: date, est: Estimativa) -> list[str]:
    """As regras aplicadas, em palavras (aba "Memória de cálculo" e kit do TR)."""
    return [
        "Base: Portaria SGD/MGI nº 1.070/2023, Anexo II (Mapa de Pesquisa Salarial de Referência), "
        f"na versão "
        f"{mapa_ato}, vigente desde {mapa_vigencia:%d/%m/%Y}.",
        "Custo por profissional = remuneração mensal do perfil × Fator-K adotado, arredondado ao centavo, "
        "meio centavo para cima (função ARRED/ROUND com 2 casas) (item 6).",
        "Valor mensal da linha = quantidade estimada × custo por profissional.",
        "Subtotal do item = soma das suas linhas; valor mensal total = soma dos itens; "
        f"valor anual = {MESES_POR_ANO} × valor mensal; valor no período = meses de vigência × valor mensal. "
        "Não há outro arredondamento.",
        "Fator-K: adota-se o do mapa (item 4). Outro valor só com justificativa e a respectiva memória de "
        f"cálculo, nunca superior a {formatar_numero(FATOR_K_MAXIMO)}; os casos estão listados abaixo.",
        "Na análise das propostas, um Fator-K implícito (preço unitário ÷ remuneração) acima de "
        f"{formatar_numero(FATOR_K_MAXIMO)} deve ser objeto de diligência e análise pormenorizada (item 5).",
        "O quantitativo, os perfis e a pesquisa salarial destinam-se à estimativa de preços e à definição do "
        "valor de referência da contratação (item 10.8.7).",
        REGRA_UM_PROFISSIONAL,
        *_regras_nuvem(est),
        "Experiência mínima (item 7): "
        + "; ".join(
            f"{s} – ao menos {n} {'ano' if n == 1 else 'anos'}" for s, n in EXPERIENCIA_MINIMA_ANOS.items()
        )
        + ".",
        f"Valores calculados pelo PlanejaTIC na geração: mensal {formatar_reais(est.mensal)}; anual "
        f"{formatar_reais(est.anual)}; no período de {est.meses} meses {formatar_reais(est.periodo)}.",
    ]


def _aba_memoria(
    wb: Workbook,
    estilos: dict[str, NamedStyle],
    cab: CabecalhoAnexoA,
    est: Estimativa,
    verificacao: Sequence[str],
) -> None:
    ws = wb.create_sheet(ABA_MEMORIA)
    alteradas = [
        (ic.item.numero, lc.linha) for ic in est.itens for lc in ic.linhas if lc.linha.fator_k_alterado
    ]
    regras = regras_da_memoria(cab.mapa_ato, cab.mapa_vigencia, est)
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
    larguras = [7, 15, 13, 49, 9, 9, 40]  # ~140 unidades: A4 paisagem sem redução
    _configurar_aba(ws, larguras, linha_titulos=linha_titulos, cabecalho=_cabecalho_da_pagina(cab))
    ws.freeze_panes = None  # o texto das regras vem antes da tabela; congelar esconderia metade da tela
    largura_toda = ("A", get_column_letter(len(larguras)))
    e = _Escritor(ws, estilos)
    e.linha([e.texto(f"{ABA_MEMORIA} – {cab.titulo}", "titulo")])
    e.texto_largo(f"Processo {cab.processo} – {cab.orgao}", largura_toda)
    e.linha([e.texto("Regras aplicadas", "rotulo")])
    for numero, regra in enumerate(regras, start=1):
        e.texto_largo(f"{numero}. {regra}", largura_toda)
    e.linha([])
    e.linha([e.texto("Fator-K diferente do mapa, com justificativa", "rotulo")])
    e.altura(max(linhas_de_texto(t, larg, negrito=True) for t, larg in zip(titulos, larguras, strict=True)))
    e.linha([e.texto(t, "cabecalho_coluna") for t in titulos])
    if not alteradas:
        e.linha([e.texto("Nenhum Fator-K diferente do mapa: todas as linhas usam o Fator-K do mapa.")])
    for numero, lp in alteradas:
        e.altura(linhas_de_texto(lp.justificativa, larguras[-1]))
        e.linha(
            [
                e.valor(numero, "inteiro"),
                e.texto(lp.ordem_servico),
                e.texto(lp.codigo),
                e.texto(lp.perfil),
                e.valor(lp.fator_k_mapa, "k"),
                e.valor(lp.fator_k, "k"),
                e.texto(lp.justificativa, "quebra_dados"),
            ]
        )
    e.linha([])
    e.linha([e.texto("Verificação normativa na geração (nada bloqueia; a equipe decide)", "rotulo")])
    for texto in verificacao or ["Nenhuma objeção encontrada."]:
        e.texto_largo(texto, largura_toda)


def _regras_nuvem(est: Estimativa) -> list[str]:
    regras = []
    for e_nuvem, nome, casas in ((True, "Serviços de nuvem", 4), (False, "Serviços profissionais", 2)):
        itens = [ic.item for ic in est.itens if ic.item.e_catalogo and ic.item.e_nuvem == e_nuvem]
        if not itens:
            continue
        catalogos = sorted({item.catalogo for item in itens})
        regras.append(
            f"{nome} (catálogo SERPRO no âmbito do ACT nº 142/2024, versão "
            + "; ".join(catalogos)
            + f"): valor mensal da linha = quantidade mensal × preço unitário ({casas} casas), arredondado "
            "ao centavo, meio centavo para cima (ARRED/ROUND com 2 casas); o item soma as suas linhas."
        )
    if regras and est.valores_ilustrativos:
        regras.append(AVISO_ILUSTRATIVO)
    return regras


def _aba_mapa(
    wb: Workbook, estilos: dict[str, NamedStyle], cab: CabecalhoAnexoA, mapa: Sequence[PerfilMapa]
) -> None:
    ws = wb.create_sheet(ABA_MAPA)
    larguras = [14.5, 49, 11.5, 13.5, 8, 14, 12]
    _configurar_aba(ws, larguras, linha_titulos=4, cabecalho=_cabecalho_da_pagina(cab))
    e = _Escritor(ws, estilos)
    e.linha([e.texto("Mapa de Pesquisa Salarial de Referência (versão fixada na contratação)", "titulo")])
    e.linha([e.texto(cab.mapa_ato)])
    e.linha([e.texto(f"Vigente desde {cab.mapa_vigencia:%d/%m/%Y}")])
    titulos = (
        "Código",
        "Perfil profissional",
        "Senioridade",
        "Remuneração mensal (R$)",
        "Fator-K",
        "Custo total estimado (R$)",
        "Experiência mínima (anos)",
    )
    e.altura(max(linhas_de_texto(t, larg, negrito=True) for t, larg in zip(titulos, larguras, strict=True)))
    e.linha([e.texto(t, "cabecalho_coluna") for t in titulos])
    for p in mapa:
        anos = experiencia_minima(p.senioridade)
        e.linha(
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


def gerar_anexo_a(
    *,
    cabecalho: CabecalhoAnexoA,
    estimativa: Estimativa,
    mapa: Sequence[PerfilMapa],
    carimbo: Carimbo | None = None,
    verificacao: Sequence[str] = (),
) -> bytes:
    """Monta o XLSX do Anexo A com fórmulas vivas (a equipe edita quantidades no Excel/LibreOffice).

    `carimbo` vai nas propriedades e no rodapé de cada aba; `verificacao` (uma linha por achado) no fim da
    aba "Memória de cálculo"."""
    wb = Workbook(write_only=True)
    _fonte_padrao(wb)
    estilos = _estilos()
    for estilo in estilos.values():
        wb.add_named_style(estilo)
    _aba_anexo(wb, estilos, cabecalho, estimativa)
    _aba_memoria(wb, estilos, cabecalho, estimativa, verificacao)
    _aba_mapa(wb, estilos, cabecalho, mapa)

    props = wb.properties
    props.title = texto_seguro(f"{cabecalho.titulo} – processo {cabecalho.processo}")[:250]
    props.subject = texto_seguro(cabecalho.objeto)[:250]
    props.creator = "PlanejaTIC"
    props.keywords = "Anexo A; estimativa; Portaria SGD/MGI nº 1.070/2023; Portaria SGD/MGI nº 6.055/2025"
    props.description = texto_seguro(f"{cabecalho.orgao} – mapa: {cabecalho.mapa_ato}")[:250]
    props.created = _como_datetime(cabecalho.gerado_em)
    carimbar_xlsx(wb, carimbo)

    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()
