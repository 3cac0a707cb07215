"""Exportador do monitoramento mensal e do balanço semestral do ACT: resultado puro -> bytes XLSX. Sem ORM.

Somas vivas: o valor anual é `=mensal*12`, os totais são `=SUM(...)` e os totais por órgão e por categoria
somam (`SUMIF`) a aba "Órgão e categoria"; quem abre a planilha vê as mesmas contas que a página.
Só agregados entram aqui (DESIGN.md §4.10); todo texto vai como texto (`texto_seguro`).
"""

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from acordo.monitoramento import Balanco, RelatorioMensal
from core.carimbo import Carimbo, carimbar_xlsx
from core.celulas import texto_seguro

FORMATO_REAIS = '"R$" #,##0.00'
FORMATO_QUANTIDADE = "#,##0.####"
FORMATO_DATA = "DD/MM/YYYY"
FORMATO_PERCENTUAL = '0.00"%"'

ABA_RESUMO = "Resumo"
ABA_CELULAS = "Órgão e categoria"
ABA_ORGAOS = "Por órgão"
ABA_CATEGORIAS = "Por categoria"
ABA_SERVICOS = "Por serviço"
ABA_OCORRENCIAS = "Ocorrências do ACT"
ABA_VERSOES = "Catálogos vigentes"
ABA_SERIE = "Série mensal"

TITULO_MENSAL = "ACT MGI nº 142/2024 – Monitoramento mensal das contratações da nuvem de governo"
TITULO_BALANCO = "ACT MGI nº 142/2024 – Balanço semestral das contratações da nuvem de governo"
NOTA = (
    "Valores mensais e anuais estimados (anual = 12 × mensal) das contratações com itens de catálogo "
    "existentes no fim do mês, pela estimativa atual. Só totais por órgão e categoria: as linhas de "
    "estimativa de cada órgão não saem do órgão (orçamento sigiloso)."
)
NEGRITO = Font(bold=True)


def _texto(ws: Worksheet, valor) -> Cell:
    celula = Cell(ws, value=texto_seguro(valor))
    celula.data_type = "s"  # "=..." digitado por alguém seria fórmula: aqui é sempre texto
    return celula


def _numero(ws: Worksheet, valor, formato: str | None = None) -> Cell:
    celula = Cell(ws, value=valor)
    if formato:
        celula.number_format = formato
    return celula


def _cabecalho(ws: Worksheet, titulos: list[tuple[str, int]]) -> None:
    ws.append([_texto(ws, t) for t, _ in titulos])
    for indice, (_, largura) in enumerate(titulos, start=1):
        ws.cell(row=1, column=indice).font = NEGRITO
        ws.column_dimensions[ws.cell(row=1, column=indice).column_letter].width = largura
    ws.freeze_panes = "A2"


def _soma(coluna: str, primeira: int, ultima: int) -> str | int:
    return f"=SUM({coluna}{primeira}:{coluna}{ultima})" if ultima >= primeira else 0


def _linha_total(ws: Worksheet, colunas_somadas: dict[str, str], ultima: int) -> int:
    linha = ws.max_row + 1
    ws.cell(row=linha, column=1, value="Total").font = NEGRITO
    for coluna, formato in colunas_somadas.items():
        celula = ws[f"{coluna}{linha}"]
        celula.value = _soma(coluna, 2, ultima)
        celula.number_format = formato
        celula.font = NEGRITO
    return linha


def _aba_celulas(wb: Workbook, r: RelatorioMensal) -> tuple[int, int]:
    ws = wb.create_sheet(ABA_CELULAS)
    _cabecalho(
        ws,
        [("Órgão", 16), ("Categoria", 26), ("Contratações", 14), ("Valor mensal", 18), ("Valor anual", 20)],
    )
    for linha, c in enumerate(r.por_orgao_categoria, start=2):
        ws.append(
            [
                _texto(ws, c.orgao),
                _texto(ws, c.categoria),
                c.contratacoes,
                _numero(ws, c.mensal, FORMATO_REAIS),
                _numero(ws, f"=D{linha}*12", FORMATO_REAIS),
            ]
        )
    ultima = len(r.por_orgao_categoria) + 1
    total = _linha_total(ws, {"D": FORMATO_REAIS, "E": FORMATO_REAIS}, ultima)
    return ultima, total


def _somase(coluna_chave: str, celula: str, ultima: int) -> str:
    aba = f"'{ABA_CELULAS}'"
    if ultima < 2:
        return "=0"
    return f"=SUMIF({aba}!${coluna_chave}$2:${coluna_chave}${ultima},{celula},{aba}!$D$2:$D${ultima})"


def _aba_orgaos(wb: Workbook, r: RelatorioMensal, ultima_celula: int) -> int:
    ws = wb.create_sheet(ABA_ORGAOS)
    _cabecalho(ws, [("Órgão", 16), ("Contratações", 14), ("Valor mensal", 18), ("Valor anual", 20)])
    for linha, a in enumerate(r.por_orgao, start=2):
        ws.append(
            [
                _texto(ws, a.nome),
                a.contratacoes,
                _numero(ws, _somase("A", f"A{linha}", ultima_celula), FORMATO_REAIS),
                _numero(ws, f"=C{linha}*12", FORMATO_REAIS),
            ]
        )
    return _linha_total(ws, {"B": "0", "C": FORMATO_REAIS, "D": FORMATO_REAIS}, len(r.por_orgao) + 1)


def _aba_categorias(wb: Workbook, r: RelatorioMensal, ultima_celula: int) -> int:
    ws = wb.create_sheet(ABA_CATEGORIAS)
    _cabecalho(
        ws,
        [("Categoria", 26), ("Contratações", 14), ("Órgãos", 10), ("Valor mensal", 18), ("Valor anual", 20)],
    )
    for linha, a in enumerate(r.por_categoria, start=2):
        ws.append(
            [
                _texto(ws, a.nome),
                a.contratacoes,
                a.orgaos,
                _numero(ws, _somase("B", f"A{linha}", ultima_celula), FORMATO_REAIS),
                _numero(ws, f"=D{linha}*12", FORMATO_REAIS),
            ]
        )
    return _linha_total(ws, {"D": FORMATO_REAIS, "E": FORMATO_REAIS}, len(r.por_categoria) + 1)


def _aba_servicos(wb: Workbook, r: RelatorioMensal) -> int:
    ws = wb.create_sheet(ABA_SERVICOS)
    _cabecalho(
        ws,
        [
            ("Código", 14),
            ("Serviço", 44),
            ("Categoria", 24),
            ("Órgãos", 10),
            ("Contratações", 14),
            ("Quantidade mensal", 18),
            ("Valor mensal", 18),
            ("Valor anual", 20),
        ],
    )
    for linha, s in enumerate(r.por_servico, start=2):
        ws.append(
            [
                _texto(ws, s.codigo),
                _texto(ws, s.servico),
                _texto(ws, s.categoria),
                s.orgaos,
                s.contratacoes,
                _numero(ws, s.quantidade, FORMATO_QUANTIDADE) if s.quantidade is not None else None,
                _numero(ws, s.mensal, FORMATO_REAIS),
                _numero(ws, f"=G{linha}*12", FORMATO_REAIS),
            ]
        )
    return _linha_total(ws, {"G": FORMATO_REAIS, "H": FORMATO_REAIS}, len(r.por_servico) + 1)


def _aba_ocorrencias(wb: Workbook, r: RelatorioMensal, periodo: str) -> None:
    ws = wb.create_sheet(ABA_OCORRENCIAS)
    _cabecalho(
        ws,
        [
            (f"Situação no {periodo}", 26),
            ("Ação", 8),
            ("Ocorrência", 12),
            ("Vencimento", 13),
            ("Conclusão", 13),
            ("Descrição da ação", 70),
        ],
    )
    for rotulo, lista in (
        (f"Vence no {periodo}", r.vencem),
        (f"Concluída no {periodo}", r.concluidas),
        (f"Em atraso no fim do {periodo}", r.atrasadas),
    ):
        for o in lista:
            ws.append(
                [
                    _texto(ws, rotulo),
                    o.acao,
                    o.ordinal,
                    _numero(ws, o.vencimento, FORMATO_DATA),
                    _numero(ws, o.data_conclusao, FORMATO_DATA) if o.data_conclusao else None,
                    _texto(ws, o.descricao),
                ]
            )


def _aba_versoes(wb: Workbook, r: RelatorioMensal) -> None:
    ws = wb.create_sheet(ABA_VERSOES)
    _cabecalho(
        ws,
        [("Catálogo", 34), ("Versão", 16), ("Vigente desde", 14), ("Referência SEI", 40), ("Valores", 14)],
    )
    for v in r.versoes:
        ws.append(
            [
                _texto(ws, v.catalogo),
                _texto(ws, v.versao),
                _numero(ws, v.vigencia_inicio, FORMATO_DATA),
                _texto(ws, v.referencia),
                _texto(ws, "ilustrativos" if v.ilustrativa else "oficiais"),
            ]
        )


def _aba_serie(wb: Workbook, b: Balanco) -> None:
    ws = wb.create_sheet(ABA_SERIE, 1)
    _cabecalho(
        ws, [("Mês", 10), ("Contratações", 14), ("Órgãos", 10), ("Valor mensal", 18), ("Valor anual", 20)]
    )
    for linha, p in enumerate(b.serie, start=2):
        ws.append(
            [
                _texto(ws, f"{p.mes:%m/%Y}"),
                p.totais.contratacoes,
                p.totais.orgaos,
                _numero(ws, p.totais.mensal, FORMATO_REAIS),
                _numero(ws, f"=D{linha}*12", FORMATO_REAIS),
            ]
        )


def gerar_xlsx(
    relatorio: RelatorioMensal,
    *,
    gerado_em: datetime,
    gerado_por: str,
    balanco: Balanco | None = None,
    carimbo: Carimbo | None = None,
) -> bytes:
    """O relatório mensal (ou, com `balanco`, o balanço semestral que termina no mês do relatório)."""
    r = relatorio
    wb = Workbook()
    ws = wb.active
    ws.title = ABA_RESUMO
    ultima_celula, total_celulas = _aba_celulas(wb, r)
    _aba_orgaos(wb, r, ultima_celula)
    _aba_categorias(wb, r, ultima_celula)
    _aba_servicos(wb, r)
    no_periodo = "semestre" if balanco else "mês"
    _aba_ocorrencias(wb, r, no_periodo)
    _aba_versoes(wb, r)

    periodo = r.competencia
    if balanco is not None:
        periodo = f"{balanco.primeiro_mes:%m/%Y} a {r.competencia}"
        _aba_serie(wb, balanco)
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 40
    ws.append([_texto(ws, TITULO_BALANCO if balanco else TITULO_MENSAL)])
    ws["A1"].font = Font(bold=True, size=13)
    linhas = [
        ("Período" if balanco else "Competência", _texto(ws, periodo)),
        ("Gerado em", _texto(ws, f"{gerado_em:%d/%m/%Y %H:%M} por {gerado_por} (PlanejaTIC)")),
        ("Nota", _texto(ws, NOTA)),
        ("Contratações com itens de catálogo", r.totais.contratacoes),
        ("Órgãos", r.totais.orgaos),
        ("Valor mensal estimado", _numero(ws, f"='{ABA_CELULAS}'!D{total_celulas}", FORMATO_REAIS)),
        ("Valor anual estimado", _numero(ws, "=B7*12", FORMATO_REAIS)),
        ("Contratações novas no mês", r.novas.contratacoes),
        ("Valor mensal das novas", _numero(ws, r.novas.mensal, FORMATO_REAIS)),
        ("Contratações alteradas no mês", r.alteradas.contratacoes),
        (f"Ocorrências do ACT que vencem no {no_periodo}", len(r.vencem)),
        (f"Ocorrências concluídas no {no_periodo}", len(r.concluidas)),
        (f"Ocorrências em atraso no fim do {no_periodo}", len(r.atrasadas)),
    ]
    if balanco is not None:
        linhas += [
            ("Contratações no fim do semestre anterior", balanco.anterior.contratacoes),
            ("Valor mensal no fim do semestre anterior", _numero(ws, balanco.anterior.mensal, FORMATO_REAIS)),
            (
                "Variação do valor mensal (%)",
                _numero(ws, '=IF(B16=0,"",(B7-B16)/B16*100)', FORMATO_PERCENTUAL),
            ),
            ("Contratações novas no semestre", balanco.novas.contratacoes),
        ]
    for rotulo, valor in linhas:
        ws.append([_texto(ws, rotulo), valor])
    for celula in ws["A"][1:]:
        celula.font = NEGRITO
    ws["B4"].alignment = Alignment(wrap_text=True, vertical="top")
    for aba in wb.worksheets:
        aba.page_setup.orientation = "landscape"
        aba.page_setup.fitToWidth = 1
        aba.sheet_properties.pageSetUpPr.fitToPage = True
    carimbar_xlsx(wb, carimbo)
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


def nome_do_arquivo(mes: date, *, balanco: bool = False) -> str:
    tipo = "balanco-semestral" if balanco else "monitoramento-mensal"
    return f"act-142-2024-{tipo}-{mes:%Y-%m}.xlsx"
