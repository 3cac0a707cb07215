"""Escritor do kit do TR: blocos puros (`conteudo.py`) -> bytes DOCX. Nunca toca o ORM.

Estilos reais do Word (Título 1–3, Lista numerada, tabela "Table Grid" com cabeçalho repetido), para colar
no TR Digital ou no SEI sem redigitar. Todo texto passa por `texto_seguro` (a mesma regra das planilhas).
"""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from contratos.kit_tr.conteudo import Kit, Paragrafo, Tabela, Titulo
from core.carimbo import Carimbo
from core.celulas import texto_seguro


def _linha_de_cabecalho(linha) -> None:
    """Repete a linha de títulos em cada página (w:tblHeader)."""
    propriedades = linha._tr.get_or_add_trPr()
    marca = OxmlElement("w:tblHeader")
    marca.set(qn("w:val"), "true")
    propriedades.append(marca)


def _preencher(celulas, textos, numericas, *, negrito=False) -> None:
    for indice, (celula, texto) in enumerate(zip(celulas, textos, strict=True)):
        paragrafo = celula.paragraphs[0]
        run = paragrafo.add_run(texto_seguro(texto))
        run.bold = negrito or None
        if indice in numericas:
            paragrafo.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _tabela(documento, tabela: Tabela) -> None:
    linhas = len(tabela.linhas) + 1 + (1 if tabela.total else 0)
    # Todas as linhas de uma vez: add_row() uma a uma copia a grade e fica quadrático com 500 linhas.
    t = documento.add_table(rows=linhas, cols=len(tabela.cabecalho))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    linhas_docx = t.rows
    _preencher(linhas_docx[0].cells, tabela.cabecalho, tabela.numericas, negrito=True)
    _linha_de_cabecalho(linhas_docx[0])
    for linha_docx, textos in zip(linhas_docx[1:], tabela.linhas, strict=False):
        _preencher(linha_docx.cells, textos, tabela.numericas)
    if tabela.total:
        _preencher(linhas_docx[-1].cells, tabela.total, tabela.numericas, negrito=True)


def _rodape(documento, carimbo: Carimbo | None) -> None:
    rodape = documento.sections[0].footer.paragraphs[0]
    rodape.text = texto_seguro(carimbo.texto) if carimbo else "PlanejaTIC"
    for run in rodape.runs:
        run.font.size = Pt(8)


def gerar_kit_tr(kit: Kit, *, carimbo: Carimbo | None = None) -> bytes:
    documento = Document()
    secao = documento.sections[0]
    # Paisagem A4: a tabela da memória por perfil tem 8 colunas.
    secao.orientation = WD_ORIENT.LANDSCAPE
    secao.page_width, secao.page_height = Cm(29.7), Cm(21.0)
    for margem in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(secao, margem, Cm(2))
    documento.styles["Normal"].font.name = "Liberation Sans"
    documento.styles["Normal"].font.size = Pt(10)
    documento.add_heading(texto_seguro(kit.titulo), level=0)
    for bloco in kit.blocos:
        if isinstance(bloco, Titulo):
            documento.add_heading(texto_seguro(bloco.texto), level=bloco.nivel)
        elif isinstance(bloco, Paragrafo):
            documento.add_paragraph(texto_seguro(bloco.texto), style=bloco.estilo or None)
        else:
            _tabela(documento, bloco)
    _rodape(documento, carimbo)

    props = documento.core_properties
    cab = kit.cabecalho
    props.title = texto_seguro(f"{kit.titulo} – processo {cab.processo}")[:250]
    props.subject = texto_seguro(cab.objeto)[:250]
    props.author = "PlanejaTIC"
    props.keywords = "Termo de Referência; estimativa; Portaria SGD/MGI nº 1.070/2023"
    if carimbo:
        props.identifier = carimbo.codigo
        props.version = carimbo.versao_app
        props.comments = texto_seguro(carimbo.texto)
        props.created = props.modified = carimbo.gerado_em
    saida = BytesIO()
    documento.save(saida)
    return saida.getvalue()
