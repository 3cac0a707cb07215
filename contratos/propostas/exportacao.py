"""Planilha "Análise das propostas" (DESIGN.md §4.8): análise pura -> bytes XLSX, com fórmulas vivas.

O K implícito é `=ROUND(preço/remuneração;2)` e as marcas são fórmulas sobre os limiares da aba "Regras"
(mudar o limiar ali refaz as marcas). Nunca toca o ORM; todo texto do usuário passa por `texto_seguro`.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from contratos.propostas import regras
from core.carimbo import Carimbo, carimbar_xlsx
from core.celulas import texto_seguro

FORMATO_REAIS = '"R$" #,##0.00'
FORMATO_K = "0.00"
ABA_ANALISE = "Análise das propostas"
ABA_REGRAS = "Regras e limiares"
K_MAXIMO = f"'{ABA_REGRAS}'!$B$3"
PERCENTUAL_MINIMO = f"'{ABA_REGRAS}'!$B$4"

# Colunas da estimativa (A–H) e, depois, 5 por proposta.
ESTIMATIVA = ("Item", "OS", "Código", "Perfil", "Qtd.", "Remuneração (mapa)", "Fator-K", "Custo unitário")
VALOR_ESTIMADO = len(ESTIMATIVA) + 1  # I
POR_PROPOSTA = ("Preço unitário", "Salário ofertado", "K implícito", "Valor mensal", "Marcas")
LINHA_TITULOS = 6
PRIMEIRA = LINHA_TITULOS + 1


def coluna_da_proposta(indice: int, campo: int) -> str:
    return get_column_letter(VALOR_ESTIMADO + 1 + indice * len(POR_PROPOSTA) + campo)


def _texto(ws, linha: int, coluna: int, valor) -> None:
    """Texto do usuário: célula do tipo texto, que nenhum programa calcula (core.celulas)."""
    celula = ws.cell(linha, coluna, texto_seguro(valor))
    celula.data_type = "s"


def gerar_analise_xlsx(contratacao, analise, *, carimbo: Carimbo | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = ABA_ANALISE
    negrito = Font(bold=True)
    ws["A1"] = "Análise das propostas – Portaria SGD/MGI nº 1.070/2023, Anexo II, itens 1 e 5"
    ws["A1"].font = Font(bold=True, size=13)
    _texto(ws, 2, 1, f"Processo {contratacao.numero_processo} – {contratacao.objeto}")
    _texto(ws, 3, 1, f"Versão do mapa: {contratacao.mapa}")
    ws["A4"] = "Propostas sigilosas: uso restrito ao órgão. Marcas são indícios para diligência."
    ultima = PRIMEIRA + len(analise.linhas) - 1
    total = ultima + 1
    titulos = [*ESTIMATIVA, "Valor estimado"]
    for i, coluna in enumerate(analise.colunas):
        rotulo = f"{coluna.proposta.licitante} ({coluna.proposta.cnpj_formatado})"
        _texto(ws, LINHA_TITULOS - 1, VALOR_ESTIMADO + 1 + i * len(POR_PROPOSTA), rotulo)
        titulos += list(POR_PROPOSTA)
    for indice, titulo in enumerate(titulos, start=1):
        ws.cell(LINHA_TITULOS, indice, titulo).font = negrito
    for n, (linha, celulas) in enumerate(analise.tabela(), start=PRIMEIRA):
        valores = [
            linha.item,
            texto_seguro(linha.ordem),
            texto_seguro(linha.codigo),
            texto_seguro(linha.perfil),
        ]
        for indice, valor in enumerate(valores, start=1):
            ws.cell(n, indice, valor)
        ws.cell(n, 5, linha.quantidade)
        ws.cell(n, 6, linha.remuneracao).number_format = FORMATO_REAIS
        ws.cell(n, 7, linha.fator_k).number_format = FORMATO_K
        ws.cell(n, 8, f"=ROUND(F{n}*G{n},2)").number_format = FORMATO_REAIS
        ws.cell(n, 9, f"=E{n}*H{n}").number_format = FORMATO_REAIS
        for i, celula in enumerate(celulas):
            preco, salario, k, valor, marcas = (coluna_da_proposta(i, c) for c in range(5))
            if celula is None:
                ws[f"{marcas}{n}"] = "não ofertada"
                continue
            ws[f"{preco}{n}"] = celula.oferta.preco
            ws[f"{preco}{n}"].number_format = FORMATO_REAIS
            if celula.oferta.salario is not None:
                ws[f"{salario}{n}"] = celula.oferta.salario
                ws[f"{salario}{n}"].number_format = FORMATO_REAIS
            ws[f"{k}{n}"] = f"=ROUND({preco}{n}/F{n},2)"
            ws[f"{k}{n}"].number_format = FORMATO_K
            ws[f"{valor}{n}"] = f"=E{n}*{preco}{n}"
            ws[f"{valor}{n}"].number_format = FORMATO_REAIS
            ws[f"{marcas}{n}"] = (
                f'=TRIM(IF({k}{n}>{K_MAXIMO},"{regras.DILIGENCIA}","")&" "&'
                f'IF(AND({salario}{n}<>"",{salario}{n}<F{n}),"{regras.ABAIXO_DO_MAPA}",""))'
            )
    _totais(ws, analise, total, negrito)
    _aba_regras(wb, analise)
    ws.freeze_panes = ws.cell(PRIMEIRA, VALOR_ESTIMADO + 1)
    for indice, largura in enumerate((6, 16, 14, 40, 6, 16, 8, 15, 16), start=1):
        ws.column_dimensions[get_column_letter(indice)].width = largura
    for i in range(len(analise.colunas) * len(POR_PROPOSTA)):
        ws.column_dimensions[get_column_letter(VALOR_ESTIMADO + 1 + i)].width = 16
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    carimbar_xlsx(wb, carimbo)
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


def _totais(ws, analise, total: int, negrito) -> None:
    """Total mensal, diferença, % da estimativa e o indício de inexequibilidade, por fórmula."""
    faixa = f"{PRIMEIRA}:{{c}}{total - 1}"
    estimado = f"I{total}"
    rotulos = ("Valor mensal total", "Diferença para a estimativa (R$)", "% da estimativa", "Indício")
    for desloc, rotulo in enumerate(rotulos):
        ws.cell(total + desloc, 4, rotulo).font = negrito
    ws[estimado] = f"=SUM(I{faixa.format(c='I')})"
    ws[estimado].number_format = FORMATO_REAIS
    for i in range(len(analise.colunas)):
        preco, _, _, valor, marcas = (coluna_da_proposta(i, c) for c in range(5))
        ws[f"{valor}{total}"] = f"=SUM({valor}{faixa.format(c=valor)})"
        ws[f"{valor}{total + 1}"] = f"={valor}{total}-{estimado}"
        ws[f"{valor}{total + 2}"] = f'=IF({estimado}=0,"",ROUND({valor}{total}/{estimado}*100,2))'
        ws[f"{valor}{total + 3}"] = (
            f'=IF({valor}{total}*100<{estimado}*{PERCENTUAL_MINIMO},"{regras.INEXEQUIVEL}","")'
        )
        for desloc in (0, 1):
            ws[f"{valor}{total + desloc}"].number_format = FORMATO_REAIS
        ws[f"{valor}{total}"].font = negrito


def _aba_regras(wb, analise) -> None:
    ws = wb.create_sheet(ABA_REGRAS)
    ws["A1"] = "Regras e limiares da análise (mude um limiar aqui e as marcas se refazem)"
    ws["A1"].font = Font(bold=True)
    ws["A3"], ws["B3"] = "Fator-K implícito acima de (diligência)", analise.limiares.k_maximo
    ws["A4"], ws["B4"] = (
        "% mínimo da estimativa (indício de inexequibilidade)",
        analise.limiares.percentual_minimo,
    )
    ws["B3"].number_format = FORMATO_K
    ws["B4"].number_format = "0.00"
    for n, (nome, texto) in enumerate(analise.regras, start=6):
        ws.cell(n, 1, nome).font = Font(bold=True)
        ws.cell(n, 2, texto).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 100


def gerar_vantajosidade_xlsx(contratacao, avaliacao, *, carimbo: Carimbo | None = None) -> bytes:
    """Relatório da vantajosidade na prorrogação: por item, contratado × referência do mapa vigente, com a
    diferença e o % por fórmula."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Vantajosidade"
    negrito = Font(bold=True)
    ws["A1"] = "Vantajosidade na prorrogação – Portaria SGD/MGI nº 1.070/2023, item 10.8.7"
    ws["A1"].font = Font(bold=True, size=13)
    _texto(ws, 2, 1, f"Processo {contratacao.numero_processo} – {contratacao.objeto}")
    _texto(ws, 3, 1, f"Referência: os mesmos perfis das OS precificados com {avaliacao.mapa}")
    titulos = (
        "Item",
        "Descrição",
        "Valor mensal contratado",
        "Referência (mapa vigente)",
        "Diferença (R$)",
        "%",
    )
    for coluna, titulo in enumerate(titulos, start=1):
        ws.cell(5, coluna, titulo).font = negrito
    primeira = 6
    for n, item in enumerate(avaliacao.itens, start=primeira):
        ws.cell(n, 1, item.numero)
        _texto(ws, n, 2, item.descricao)
        for coluna, valor in ((3, item.contratado), (4, item.referencia)):
            if valor is not None:
                ws.cell(n, coluna, valor).number_format = FORMATO_REAIS
        if item.referencia is None:
            _texto(ws, n, 5, f"perfis fora da versão vigente: {', '.join(item.ausentes)}")
            continue
        ws.cell(n, 5, f'=IF(C{n}="","",C{n}-D{n})').number_format = FORMATO_REAIS
        ws.cell(n, 6, f'=IF(OR(C{n}="",D{n}=0),"",ROUND((C{n}-D{n})/D{n}*100,2))')
    total = primeira + len(avaliacao.itens)
    ws.cell(total, 2, "Total mensal").font = negrito
    for coluna in "CD":
        ws[f"{coluna}{total}"] = f"=SUM({coluna}{primeira}:{coluna}{total - 1})"
        ws[f"{coluna}{total}"].number_format = FORMATO_REAIS
    ws[f"E{total}"] = f"=C{total}-D{total}"
    ws[f"E{total}"].number_format = FORMATO_REAIS
    ws[f"F{total}"] = f'=IF(D{total}=0,"",ROUND((C{total}-D{total})/D{total}*100,2))'
    for coluna, largura in zip("ABCDEF", (6, 40, 20, 22, 18, 10), strict=True):
        ws.column_dimensions[coluna].width = largura
    ws.page_setup.orientation = "landscape"
    carimbar_xlsx(wb, carimbo)
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()
