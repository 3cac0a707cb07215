"""Relatório de fiscalização técnica de um período: o conteúdo (texto só, congelável em JSON) e o XLSX.

O modelo do Anexo IV da Portaria SGD/MGI nº 1.070/2023 não está nas nossas fontes: este é o nosso, dito como
tal no próprio relatório. Sem Django e sem banco.
"""

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font

from contratos.fiscalizacao.regras import Verificacao, nome_senioridade
from core.carimbo import Carimbo, carimbar_xlsx
from core.celulas import texto_seguro

MODELO = (
    "Modelo próprio do PlanejaTIC: o modelo de relatório do Anexo IV da Portaria SGD/MGI nº 1.070/2023 "
    "não está nas fontes deste sistema."
)
ASSINATURAS = ("Fiscal técnico", "Gestor do contrato")
COLUNAS_EQUIPE = (
    ("nome", "Nome"),
    ("codigo", "Perfil"),
    ("senioridade", "Senioridade"),
    ("anos", "Anos de experiência"),
    ("formacao", "Formação ou qualificação"),
    ("certificado", "Certificado"),
    ("inicio", "Início"),
    ("fim", "Fim"),
)


def _data(valor: date | None) -> str:
    return f"{valor:%d/%m/%Y}" if valor else ""


def linha_equipe(
    *, nome: str, codigo: str, senioridade: str, anos: int, formacao: str, certificado: str, inicio, fim
) -> dict:
    return {
        "nome": nome,
        "codigo": codigo,
        "senioridade": nome_senioridade(senioridade),
        "anos": str(anos),
        "formacao": formacao,
        "certificado": certificado,
        "inicio": _data(inicio),
        "fim": _data(fim),
    }


def montar(
    *, cabecalho: list[tuple[str, str]], verificacao: Verificacao, equipe: list[dict], avaliacao: list[tuple]
) -> dict:
    """O relatório como dados de texto: o que a página mostra, o XLSX grava e a conclusão congela."""
    return {
        "modelo": MODELO,
        "cabecalho": [list(par) for par in cabecalho],
        "regras": [
            {
                "regra": r.regra,
                "citacao": r.citacao,
                "sujeito": r.sujeito,
                "resultado": "Atendida" if r.atendida else "Constatação",
                "evidencia": r.evidencia,
                "nota": r.nota,
            }
            for r in verificacao.resultados
        ],
        "constatacoes": len(verificacao.constatacoes),
        "equipe": equipe,
        "avaliacao": [
            {"aspecto": aspecto, "resultado": resultado or "Não avaliado", "nota": nota}
            for aspecto, resultado, nota in avaliacao
        ],
        "assinaturas": list(ASSINATURAS),
    }


def _linha(ws, valores, *, negrito=False) -> None:
    """Tudo é texto do relatório congelado: célula do tipo texto, nunca fórmula."""
    celulas = []
    for valor in valores:
        celula = Cell(ws, value=texto_seguro(valor))
        celula.data_type = "s"
        if negrito:
            celula.font = Font(bold=True)
        celulas.append(celula)
    ws.append(celulas)


def gerar_xlsx(conteudo: dict, *, titulo: str, gerado_em: datetime, carimbo: Carimbo | None = None) -> bytes:
    ws = Workbook().active
    ws.title = "Relatório"
    _linha(ws, [titulo], negrito=True)
    _linha(ws, [conteudo["modelo"]])
    for rotulo, valor in conteudo["cabecalho"]:
        _linha(ws, [rotulo, valor])
    _linha(ws, [])
    _linha(ws, ["Regra", "Citação", "Perfil ou profissional", "Resultado", "Evidência", "Nota"], negrito=True)
    for r in conteudo["regras"]:
        _linha(ws, [r["regra"], r["citacao"], r["sujeito"], r["resultado"], r["evidencia"], r["nota"]])
    _linha(ws, [])
    _linha(ws, [rotulo for _, rotulo in COLUNAS_EQUIPE], negrito=True)
    for pessoa in conteudo["equipe"]:
        _linha(ws, [pessoa[chave] for chave, _ in COLUNAS_EQUIPE])
    _linha(ws, [])
    _linha(ws, ["Avaliação do fiscal", "Resultado", "Nota"], negrito=True)
    for a in conteudo["avaliacao"]:
        _linha(ws, [a["aspecto"], a["resultado"], a["nota"]])
    _linha(ws, [])
    for papel in conteudo["assinaturas"]:
        _linha(ws, [papel, "Nome:", "Assinatura:", "Data:"])
    _linha(ws, [f"Gerado pelo PlanejaTIC em {gerado_em:%d/%m/%Y %H:%M}"])
    for coluna, largura in zip("ABCDEF", (40, 22, 40, 16, 60, 50), strict=True):
        ws.column_dimensions[coluna].width = largura
    for linha in ws.iter_rows():
        for celula in linha:
            celula.alignment = Alignment(wrap_text=True, vertical="top")
    carimbar_xlsx(ws.parent, carimbo)
    saida = BytesIO()
    ws.parent.save(saida)
    return saida.getvalue()
