"""Formatos de planilha do django-import-export (CSV e XLSX) do projeto, para o admin e as páginas.

Na leitura, o arquivo passa pelas guardas de `core.planilhas`; na escrita, todo texto passa por
`core.celulas.texto_seguro` (nada vira fórmula): é por aqui que o mapa salarial e os catálogos exportam.
"""

import contextlib
import contextvars
import csv
import hashlib
import io

import tablib
from import_export.formats import base_formats

from core.carimbo import Carimbo, carimbar_xlsx
from core.celulas import texto_seguro
from core.planilhas import ler_tabela

# Na prévia do admin, o formulário já leu a planilha (para recusar com a mensagem ao lado do campo); a
# biblioteca a leria de novo. Durante UMA requisição (ImportacaoConfirmadaMixin.import_action), a tabela lida
# fica aqui, pela hash dos bytes, e create_dataset a reaproveita.
_tabelas_da_requisicao: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "tabelas_da_requisicao", default=None
)


@contextlib.contextmanager
def tabelas_da_requisicao():
    """Enquanto durar o bloco (uma requisição de importação), as tabelas lidas ficam lembradas."""
    marca = _tabelas_da_requisicao.set({})
    try:
        yield
    finally:
        _tabelas_da_requisicao.reset(marca)


def lembrar_tabela(conteudo: bytes, tabela: tablib.Dataset) -> None:
    lembradas = _tabelas_da_requisicao.get()
    if lembradas is not None:
        lembradas[hashlib.sha256(conteudo).digest()] = tabela


def _tabela_ja_lida(conteudo: bytes) -> tablib.Dataset | None:
    lembradas = _tabelas_da_requisicao.get()
    if not lembradas:
        return None
    return lembradas.pop(hashlib.sha256(conteudo).digest(), None)


def _linhas_da_tabela(tabela: tablib.Dataset):
    yield list(tabela.headers or [])
    yield from tabela


class CSVSeguro(base_formats.CSV):
    """CSV lido pelas guardas: aceita UTF-8 ou Windows-1252 e separador vírgula ou ponto e vírgula.

    Na exportação, todo texto passa por `texto_seguro(csv=True)` (nada vira fórmula ao abrir no Excel)."""

    def is_binary(self):
        return True  # os bytes chegam intactos a ler_tabela, que cuida da codificação

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return _tabela_ja_lida(in_stream) or ler_tabela("planilha.csv", in_stream)

    def export_data(self, dataset, **kwargs):
        saida = io.StringIO()
        escritor = csv.writer(saida, lineterminator="\r\n")
        for linha in _linhas_da_tabela(dataset):
            escritor.writerow(
                [texto_seguro(v, csv=True) if isinstance(v, str) else ("" if v is None else v) for v in linha]
            )
        return saida.getvalue()


class XLSXSeguro(base_formats.XLSX):
    """XLSX lido pelas guardas (bomba zip, entidades XML, fórmulas sem valor).

    Na exportação, todo texto vai em célula do tipo texto (volta exatamente como foi digitado, nunca é
    calculado); números continuam números."""

    def create_dataset(self, in_stream):
        return _tabela_ja_lida(in_stream) or ler_tabela("planilha.xlsx", in_stream)

    def export_data(self, dataset, *, carimbo: Carimbo | None = None, **kwargs):
        """`carimbo` (core.carimbo): nas propriedades e no rodapé, como em todo arquivo gerado."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        livro = Workbook(write_only=True)
        # título e formatos vêm do recurso (core.colunas.CabecalhosLegiveisMixin.legivel), se houver
        aba = livro.create_sheet(getattr(dataset, "title", None) or "Planilha")
        formatos: dict[int, str] = getattr(dataset, "formatos", None) or {}
        larguras: dict[int, int] = {}
        linhas = list(_linhas_da_tabela(dataset))
        for linha in linhas:
            for indice, valor in enumerate(linha):
                larguras[indice] = max(larguras.get(indice, 8), min(len(str(valor or "")) + 2, 60))
        for indice, largura in larguras.items():
            # "R$ 17.851,64" é mais largo que o 17851.64 guardado
            aba.column_dimensions[get_column_letter(indice + 1)].width = largura + (
                6 if indice in formatos else 0
            )
        aba.freeze_panes = "A2"
        negrito = Font(bold=True)
        for numero, linha in enumerate(linhas):
            celulas = []
            for indice, valor in enumerate(linha):
                if isinstance(valor, str):
                    celula = WriteOnlyCell(aba, value=texto_seguro(valor))
                    celula.data_type = "s"  # "=..." seria fórmula: aqui é sempre texto
                else:
                    celula = WriteOnlyCell(aba, value=valor)
                    if indice in formatos:
                        celula.number_format = formatos[indice]
                if numero == 0:
                    celula.font = negrito
                celulas.append(celula)
            aba.append(celulas)
        carimbar_xlsx(livro, carimbo)
        saida = io.BytesIO()
        livro.save(saida)
        return saida.getvalue()


FORMATOS = [CSVSeguro, XLSXSeguro]
FORMATO_POR_EXTENSAO = {"csv": CSVSeguro, "xlsx": XLSXSeguro}


def exportar_tabela(tabela: tablib.Dataset, extensao: str, *, carimbo: Carimbo | None = None) -> str | bytes:
    """Bytes (XLSX) ou texto (CSV) de uma exportação, pelo mesmo caminho do admin (fórmulas protegidas). O
    CSV não tem onde levar o carimbo: vale o registro (o SHA-256 o reconhece em "Verificar arquivo")."""
    return FORMATO_POR_EXTENSAO[extensao]().export_data(tabela, carimbo=carimbo)


def arquivo_da_tabela(
    tabela: tablib.Dataset, extensao: str, *, carimbo: Carimbo | None, bom: bool = False
) -> bytes:
    """Os bytes do download (os que o registro das exportações guarda o SHA-256): o CSV em UTF-8, com o BOM
    que faz o Excel abrir os acentos, se pedido."""
    conteudo = exportar_tabela(tabela, extensao, carimbo=carimbo)
    if isinstance(conteudo, str):
        return (("\ufeff" if bom else "") + conteudo).encode()
    return conteudo
