"""Guardas genéricas para planilhas enviadas por usuários (CSV e XLSX), sem regra de negócio.

Fica em `core`, a camada mais baixa: qualquer área pode importá-lo.

Uso típico:

    from core.planilhas import ErroPlanilha, ler_tabela

    try:
        tabela = ler_tabela(arquivo.name, arquivo.read(), arquivo.content_type)  # tablib.Dataset
    except ErroPlanilha as erro:
        form.add_error("arquivo", erro.mensagens())  # nada foi gravado

`ler_tabela` recusa, antes de abrir o arquivo com o openpyxl: extensão diferente de .csv/.xlsx (um .xlsm é
recusado pelo nome, pelo tipo de conteúdo e pelo conteúdo), arquivo acima de 10 MiB, bomba zip (tamanho
descompactado total ou razão de compressão exagerados) e declarações DOCTYPE/ENTITY nas partes XML. Depois
de aberto, uma célula com fórmula sem valor calculado vira um `Problema` com linha e coluna.
Os cabeçalhos saem sem espaços e em minúsculas; a linha N de dados é a linha N + 1 da planilha.
Linhas vazias no fim são descartadas; no meio, são mantidas (para que a numeração não mude).

Para usar com o django-import-export, `FORMATOS` traz as classes de formato que passam por estas guardas;
os números das células se leem com `core.numeros.decimal_br` ("5.075,52" ou "5075.52").
"""

import contextlib
import contextvars
import copy
import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

import tablib
from diff_match_patch import diff_match_patch
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from import_export import widgets
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.instance_loaders import BaseInstanceLoader, CachedInstanceLoader
from import_export.resources import Diff

from core.celulas import texto_seguro
from core.numeros import formatar_numero

TAMANHO_MAXIMO = 10 * 1024 * 1024  # 10 MiB, tamanho do arquivo enviado
# Dado de referência (mapa, catálogo) tem dezenas a milhares de linhas; 20.000 cabe com folga e mantém a
# prévia em poucos segundos (bench/importacao_limite.py). Contado durante a leitura, antes do Dataset.
LINHAS_MAXIMAS = 20_000
# A tabela da prévia (templates/admin/_previa_importacao.html) mostra estas linhas; só elas montam comparação.
LINHAS_NA_PREVIA = 500
LINHAS_VAZIAS_MAXIMAS = 1_000  # linhas em branco no meio também custam leitura
DESCOMPACTADO_MAXIMO = 100 * 1024 * 1024  # soma dos tamanhos descompactados de um .xlsx
RAZAO_MAXIMA = 100  # razão de compressão acima disso, em parte grande, é bomba zip
PARTE_PEQUENA = 1024 * 1024  # partes menores que 1 MiB podem ter razão alta sem perigo
MAXIMO_PARTES = 1000

TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSOES = {".csv": "csv", ".xlsx": "xlsx"}
EXTENSOES_COM_MACRO = {".xlsm", ".xltm", ".xlam", ".xlsb"}


@dataclass(frozen=True)
class Problema:
    """Um problema localizado numa célula: linha da planilha (1 = cabeçalho), coluna e mensagem."""

    linha: int
    coluna: str
    mensagem: str

    def __str__(self):
        return f"Linha {self.linha}, coluna “{self.coluna}”: {self.mensagem}"


class ErroPlanilha(Exception):
    """Arquivo recusado; `problemas` lista as células com defeito, quando for o caso."""

    def __init__(self, mensagem: str, problemas: list[Problema] | tuple = ()):
        super().__init__(mensagem)
        self.mensagem = mensagem
        self.problemas = list(problemas)

    def mensagens(self) -> list[str]:
        return [self.mensagem, *(str(p) for p in self.problemas)]


def formato_do_arquivo(nome: str, content_type: str = "") -> str:
    """'csv' ou 'xlsx' conforme a extensão; recusa arquivos com macro e extensões desconhecidas."""
    extensao = PurePath(nome or "").suffix.lower()
    if extensao in EXTENSOES_COM_MACRO or "macroenabled" in (content_type or "").lower():
        raise ErroPlanilha(
            "Arquivos do Excel com macros (.xlsm) não são aceitos. Salve a planilha como .xlsx ou .csv."
        )
    if extensao not in EXTENSOES:
        raise ErroPlanilha(
            f"Formato não aceito ({extensao or 'sem extensão'}). Envie um arquivo .csv ou .xlsx."
        )
    return EXTENSOES[extensao]


def _mib(tamanho: int) -> str:
    return formatar_numero(Decimal(tamanho) / 1024 / 1024, 1)


AJUDA_LIMITES = f"Até 10 MiB e {formatar_numero(LINHAS_MAXIMAS, 0)} linhas de dados por arquivo."


class _ContadorDeLinhas:
    """Conta as linhas enquanto o arquivo é lido e recusa assim que passa do limite (sem ler o resto)."""

    def __init__(self):
        self.dados = 0
        self.vazias = 0

    def contar(self, valores) -> None:
        if all(_vazio(v) for v in valores):
            self.vazias += 1
            if self.vazias <= LINHAS_VAZIAS_MAXIMAS:
                return
        else:
            self.dados += 1
            if self.dados <= LINHAS_MAXIMAS + 1:  # + 1: o cabeçalho
                return
        raise _linhas_demais()


def _linhas_demais() -> ErroPlanilha:
    limite = formatar_numero(LINHAS_MAXIMAS, 0)
    return ErroPlanilha(
        f"A planilha tem mais de {limite} linhas; o limite é {limite} linhas de dados por importação. "
        "Divida o arquivo em partes menores e importe uma de cada vez."
    )


def verificar_arquivo(nome: str, conteudo: bytes, content_type: str = "") -> str:
    """Aplica as guardas de arquivo (nome, tamanho, macro, bomba zip, entidades XML) e devolve o formato."""
    formato = formato_do_arquivo(nome, content_type)
    if len(conteudo) > TAMANHO_MAXIMO:
        mib = _mib(len(conteudo))
        raise ErroPlanilha(f"O arquivo tem {mib} MiB; o limite é 10 MiB.")
    if not conteudo:
        raise ErroPlanilha("O arquivo está vazio.")
    if formato == "xlsx":
        _verificar_xlsx(conteudo)
    return formato


def _verificar_xlsx(conteudo: bytes) -> None:
    try:
        pacote = zipfile.ZipFile(io.BytesIO(conteudo))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ErroPlanilha(
            "O arquivo não é uma planilha .xlsx válida (o conteúdo não é um pacote do Excel)."
        ) from exc
    with pacote:
        partes = pacote.infolist()
        if len(partes) > MAXIMO_PARTES:
            raise ErroPlanilha("A planilha tem partes internas demais; o arquivo foi recusado por segurança.")
        total = sum(p.file_size for p in partes)
        if total > DESCOMPACTADO_MAXIMO:
            raise ErroPlanilha(
                "O arquivo passa de 100 MiB ao ser descompactado (possível bomba zip) e foi recusado."
            )
        for parte in partes:
            razao = parte.file_size / max(parte.compress_size, 1)
            if parte.file_size > PARTE_PEQUENA and razao > RAZAO_MAXIMA:
                raise ErroPlanilha(
                    f"A parte {parte.filename} tem compressão anormal ({razao:.0f}:1; possível bomba zip). "
                    "O arquivo foi recusado."
                )
        nomes = {p.filename.lower() for p in partes}
        if "[content_types].xml" not in nomes:
            raise ErroPlanilha("O arquivo não é uma planilha .xlsx válida (falta [Content_Types].xml).")
        tipos = pacote.read("[Content_Types].xml")
        if any(n.endswith("vbaproject.bin") for n in nomes) or b"macroenabled" in tipos.lower():
            raise ErroPlanilha(
                "Arquivos do Excel com macros (.xlsm) não são aceitos. Salve a planilha como .xlsx ou .csv."
            )
        for parte in partes:
            if not parte.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            if _parte_tem_declaracao_perigosa(pacote, parte):
                raise ErroPlanilha(
                    f"A parte {parte.filename} declara DOCTYPE ou ENTITY (ataque de entidades XML); "
                    "o arquivo foi recusado."
                )


def _parte_tem_declaracao_perigosa(pacote: zipfile.ZipFile, parte: zipfile.ZipInfo) -> bool:
    # Aos pedaços (com sobreposição): uma aba pode ter ~100 MiB descompactada, e lê-la inteira custaria isso
    # (e o dobro, com lower()) na memória do worker.
    with pacote.open(parte) as xml:
        resto = b""
        while pedaco := xml.read(1024 * 1024):
            if _tem_declaracao_perigosa(resto + pedaco):
                return True
            resto = pedaco[-64:]
    return False


def _tem_declaracao_perigosa(xml: bytes) -> bool:
    # Uma planilha legítima nunca declara DTD; procura em UTF-8 e UTF-16 para não ser contornado.
    minusculo = xml.lower()
    for marca in (b"<!doctype", b"<!entity"):
        if marca in minusculo:
            return True
        for codificacao in ("utf-16-le", "utf-16-be"):
            if marca.decode().encode(codificacao) in minusculo:
                return True
    return False


def ler_tabela(nome: str, conteudo: bytes, content_type: str = "") -> tablib.Dataset:
    """Verifica e lê a primeira aba (ou o CSV) como tablib.Dataset; levanta ErroPlanilha se recusar."""
    formato = verificar_arquivo(nome, conteudo, content_type)
    linhas = _ler_csv(conteudo) if formato == "csv" else _ler_xlsx(conteudo)
    while linhas and all(_vazio(v) for v in linhas[-1]):
        linhas.pop()
    if not linhas or all(_vazio(v) for v in linhas[0]):
        raise ErroPlanilha("A planilha não tem cabeçalho: a primeira linha deve trazer os nomes das colunas.")
    cabecalho = [str(v).strip().lower() if v is not None else "" for v in linhas[0]]
    tabela = tablib.Dataset(headers=cabecalho)
    largura = len(cabecalho)
    for valores in linhas[1:]:
        valores = list(valores[:largura]) + [None] * (largura - len(valores))
        tabela.append(valores)
    return tabela


def _vazio(valor) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _ler_csv(conteudo: bytes) -> list[list]:
    if b"\x00" in conteudo:
        raise ErroPlanilha("O arquivo .csv contém bytes nulos: não é um texto CSV.")
    try:
        texto = conteudo.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel em português salva CSV em Windows-1252 quando não se escolhe UTF-8.
        texto = conteudo.decode("cp1252", errors="replace")
    primeira = texto.split("\n", 1)[0]
    separador = ";" if primeira.count(";") > primeira.count(",") else ","
    contador = _ContadorDeLinhas()
    linhas = []
    try:
        for linha in csv.reader(io.StringIO(texto), delimiter=separador):
            contador.contar(linha)
            linhas.append([c.strip() for c in linha])
    except csv.Error as exc:
        raise ErroPlanilha(f"O arquivo .csv está malformado ({exc}).") from exc
    return linhas


_TAG_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_TAG_LINHA = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _examinar_abas(conteudo: bytes) -> bool:
    """Lê o XML das abas aos pedaços, sem montar nada: recusa aba com linhas demais e diz se há fórmulas.

    Vem antes do openpyxl porque ele, sem a marca <dimension> (que o arquivo pode omitir), percorre a aba
    inteira só para saber o tamanho: 300 mil linhas levariam dezenas de segundos antes da primeira linha.
    """
    maximo = LINHAS_MAXIMAS + 1 + LINHAS_VAZIAS_MAXIMAS  # dados + cabeçalho + linhas em branco toleradas
    tem_formulas = False
    with zipfile.ZipFile(io.BytesIO(conteudo)) as pacote:
        for parte in pacote.infolist():
            if not parte.filename.lower().startswith("xl/worksheets/"):
                continue
            linhas = 0
            with pacote.open(parte) as xml:
                resto = b""
                while pedaco := xml.read(1024 * 1024):
                    texto = resto + pedaco
                    corte = texto.rfind(b"<")  # a marca no fim do pedaço vai inteira para o próximo
                    corte = corte if corte > 0 else len(texto)
                    texto, resto = texto[:corte], texto[corte:]
                    linhas += len(_TAG_LINHA.findall(texto))
                    tem_formulas = tem_formulas or bool(_TAG_FORMULA.search(texto))
                    if linhas > maximo:
                        raise _linhas_demais()
                linhas += len(_TAG_LINHA.findall(resto))
                tem_formulas = tem_formulas or bool(_TAG_FORMULA.search(resto))
            if linhas > maximo:
                raise _linhas_demais()
    return tem_formulas


def _abrir_xlsx(conteudo: bytes, data_only: bool):
    """load_workbook(read_only=True) que só mede a aba quando ela declara o tamanho.

    Sem a marca <dimension> (o openpyxl em modo write_only não a grava, e é assim que a exportação deste
    sistema sai), o openpyxl percorre a aba inteira só para descobrir que não há tamanho declarado, antes de
    ler a primeira linha: um terço do tempo de leitura. Com a marca (Excel, LibreOffice), ela vem antes dos
    dados e a medição do openpyxl para ali; o resultado é o mesmo nos dois casos.
    """
    from openpyxl.reader.excel import ExcelReader  # só aqui: quem usa CSV não paga a importação
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class AbaMedidaSoSeDeclarada(ReadOnlyWorksheet):
        def _get_size(self):
            with self._get_source() as xml:
                inicio = xml.read(64 * 1024)
            if b"dimension" in inicio.split(b"sheetData", 1)[0]:  # pelo esquema, vem antes dos dados
                super()._get_size()

    class Leitor(ExcelReader):
        def read_worksheets(self):  # o ramo read_only do original, com a aba acima
            for aba, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(aba, rel)
                    continue
                ws = AbaMedidaSoSeDeclarada(self.wb, aba.name, rel.target, self.shared_strings)
                ws.sheet_state = aba.state
                self.wb._sheets.append(ws)

    leitor = Leitor(io.BytesIO(conteudo), read_only=True, data_only=data_only)
    leitor.read()
    return leitor.wb


def _ler_xlsx(conteudo: bytes) -> list[list]:
    tem_formulas = _examinar_abas(conteudo)
    try:
        # Sem fórmula nas abas (o caso comum), uma leitura basta: ler a pasta duas vezes dobra o tempo.
        valores = _abrir_xlsx(conteudo, data_only=True)
        formulas = None
        if tem_formulas:
            formulas = _abrir_xlsx(conteudo, data_only=False)
    except Exception as exc:  # defusedxml, zip corrompido, XML inválido: tudo é arquivo recusado
        raise ErroPlanilha(
            "Não foi possível ler a planilha .xlsx (arquivo corrompido ou fora do padrão do Excel)."
        ) from exc
    try:
        linhas_v = valores.worksheets[0].iter_rows(values_only=True)
        if formulas is None:
            pares = ((linha, linha) for linha in linhas_v)
        else:
            pares = zip(formulas.worksheets[0].iter_rows(values_only=True), linhas_v, strict=False)
        linhas: list[list] = []
        problemas: list[Problema] = []
        cabecalho: list = []
        contador = _ContadorDeLinhas()
        for numero, (linha_f, linha_v) in enumerate(pares, start=1):
            contador.contar(linha_v)
            if numero == 1:
                cabecalho = list(linha_v)
            linha = []
            for indice, (bruto, valor) in enumerate(zip(linha_f, linha_v, strict=False)):
                if isinstance(bruto, str) and bruto.startswith("=") and valor is None:
                    coluna = (
                        cabecalho[indice] if indice < len(cabecalho) and cabecalho[indice] else indice + 1
                    )
                    problemas.append(
                        Problema(
                            numero,
                            str(coluna).strip().lower(),
                            f"a célula tem a fórmula {bruto[:60]} sem valor calculado; abra e salve a "
                            "planilha no Excel ou LibreOffice, ou cole os valores no lugar da fórmula.",
                        )
                    )
                linha.append(valor.strip() if isinstance(valor, str) else valor)
            linhas.append(linha)
    except ErroPlanilha:
        raise
    except Exception as exc:
        raise ErroPlanilha(
            "Não foi possível ler a planilha .xlsx (conteúdo fora do padrão do Excel)."
        ) from exc
    finally:
        valores.close()
        if formulas is not None:
            formulas.close()
    if problemas:
        raise ErroPlanilha("Há fórmulas sem valor calculado; nada foi importado.", problemas)
    return linhas


# Na prévia do admin, o formulário já leu a planilha (para recusar com a mensagem ao lado do campo); a
# biblioteca a leria de novo. Durante UMA requisição (ImportacaoConfirmadaMixin.import_action), a tabela lida
# fica aqui, pela hash dos bytes, e create_dataset a reaproveita.
_tabelas_da_requisicao: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "tabelas_da_requisicao", default=None
)


def _lembrar_tabela(conteudo: bytes, tabela: tablib.Dataset) -> None:
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

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        livro = Workbook(write_only=True)
        aba = livro.create_sheet("Planilha")
        larguras: dict[int, int] = {}
        linhas = list(_linhas_da_tabela(dataset))
        for linha in linhas:
            for indice, valor in enumerate(linha):
                larguras[indice] = max(larguras.get(indice, 8), min(len(str(valor or "")) + 2, 60))
        for indice, largura in larguras.items():
            aba.column_dimensions[get_column_letter(indice + 1)].width = largura
        aba.freeze_panes = "A2"
        negrito = Font(bold=True)
        for numero, linha in enumerate(linhas):
            celulas = []
            for valor in linha:
                if isinstance(valor, str):
                    celula = WriteOnlyCell(aba, value=texto_seguro(valor))
                    celula.data_type = "s"  # "=..." seria fórmula: aqui é sempre texto
                else:
                    celula = WriteOnlyCell(aba, value=valor)
                if numero == 0:
                    celula.font = negrito
                celulas.append(celula)
            aba.append(celulas)
        saida = io.BytesIO()
        livro.save(saida)
        return saida.getvalue()


FORMATOS = [CSVSeguro, XLSXSeguro]
FORMATO_POR_EXTENSAO = {"csv": CSVSeguro, "xlsx": XLSXSeguro}


def exportar_tabela(tabela: tablib.Dataset, extensao: str) -> str | bytes:
    """Bytes (XLSX) ou texto (CSV) de uma exportação, pelo mesmo caminho do admin (fórmulas protegidas)."""
    return FORMATO_POR_EXTENSAO[extensao]().export_data(tabela)


class ImportacaoSeguraForm(ImportForm):
    """Primeiro passo da importação no admin: o formato vem da extensão e o arquivo passa pelas guardas já
    no formulário, com a mensagem ao lado do campo (nada é lido pelo django-import-export antes disso)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formatos = formats
        self.fields["import_file"].label = "Planilha (.csv ou .xlsx)"
        self.fields["import_file"].help_text = AJUDA_LIMITES
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    def clean(self):
        dados = super().clean()
        arquivo = dados.get("import_file")
        if arquivo is None:
            return dados
        if arquivo.size > TAMANHO_MAXIMO:
            mib = _mib(arquivo.size)
            self.add_error("import_file", f"O arquivo tem {mib} MiB; o limite é 10 MiB.")
            return dados
        conteudo = arquivo.read()
        arquivo.seek(0)
        try:
            tabela = ler_tabela(arquivo.name, conteudo, getattr(arquivo, "content_type", "") or "")
            _lembrar_tabela(conteudo, tabela)
        except ErroPlanilha as erro:
            self.add_error("import_file", erro.mensagens())
            return dados
        extensao = arquivo.name.rsplit(".", 1)[-1].lower()
        for indice, formato in enumerate(self.formatos):
            if formato().get_extension() == extensao:
                dados["format"] = str(indice)
        return dados


class ImportacaoConfirmadaMixin:
    """Para os ModelAdmin com ImportMixin: a confirmação só importa o arquivo que ESTE usuário viu na prévia.

    O django-import-export guarda a planilha da prévia numa pasta temporária e confia no nome que volta no
    campo oculto `import_file_name` da confirmação: qualquer arquivo da pasta seria lido, importado sem
    prévia e apagado. Aqui o nome, o hash do conteúdo e os demais campos da confirmação (formato, recurso,
    versão de destino) ficam na sessão na hora da prévia; a confirmação que não bate é recusada com 400,
    sem ler, gravar nem apagar nada. A cópia temporária some na recusa da prévia, na confirmação e quando
    uma nova prévia substitui a anterior.
    """

    def _chave_pendente(self) -> str:
        return f"importacao_pendente:{self.opts.label_lower}"

    def _armazenamento(self, nome: str):
        return self.get_tmp_storage_class()(name=nome, read_mode="rb", **self.get_tmp_storage_class_kwargs())

    def _remover_temporario(self, nome: str | None) -> None:
        if not nome:
            return
        with contextlib.suppress(OSError):  # já não existe
            self._armazenamento(nome).remove()

    def _descartar_pendente(self, request) -> None:
        pendente = request.session.pop(self._chave_pendente(), None)
        if pendente:
            self._remover_temporario(pendente["nome"])

    def write_to_tmp_storage(self, import_file, input_format):
        # Uma cópia só (a biblioteca concatena os pedaços um a um) e o hash que prende a confirmação a ela.
        dados = b"".join(import_file.chunks())
        armazenamento = self.get_tmp_storage_class()(
            read_mode=input_format.get_read_mode(), **self.get_tmp_storage_class_kwargs()
        )
        armazenamento.save(dados)
        import_file.hash_conteudo = hashlib.sha256(dados).hexdigest()
        return armazenamento

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ErroPlanilha):
            form.add_error("import_file", e.mensagens())
        else:
            form.add_error(
                "import_file", "Não foi possível ler o arquivo: confira se é um .csv ou .xlsx válido."
            )

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            self._descartar_pendente(request)  # uma prévia nova substitui a anterior (e o arquivo dela)
        arquivo = request.FILES.get("import_file")
        marca = _tabelas_da_requisicao.set({})
        try:
            resposta = super().import_action(request, **kwargs)
        except Exception:
            self._remover_temporario(getattr(arquivo, "tmp_storage_name", None))
            raise
        finally:
            _tabelas_da_requisicao.reset(marca)
        nome = getattr(arquivo, "tmp_storage_name", None)
        if nome is None:
            return resposta
        confirmacao = (getattr(resposta, "context_data", None) or {}).get("confirm_form")
        if confirmacao is None:  # prévia recusada: a cópia não serve para nada
            self._remover_temporario(nome)
            return resposta
        request.session[self._chave_pendente()] = {
            "nome": nome,
            "hash": arquivo.hash_conteudo,
            "campos": {campo: _texto_do_campo(valor) for campo, valor in confirmacao.initial.items()},
        }
        return resposta

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pendente = request.session.get(self._chave_pendente())
        if pendente is None:
            return self._recusar_confirmacao(
                request,
                "Não há prévia a confirmar (ela já foi confirmada, expirou ou foi substituída por outra). "
                "Envie a planilha de novo.",
            )
        if any(request.POST.get(campo, "") != valor for campo, valor in pendente["campos"].items()):
            return self._recusar_confirmacao(
                request,
                "A confirmação não corresponde à prévia que você viu (arquivo, formato ou versão de destino "
                "diferentes). Nada foi importado; envie a planilha de novo.",
            )
        del request.session[self._chave_pendente()]
        try:
            conteudo = self._armazenamento(pendente["nome"]).read()
        except OSError:
            return self._recusar_confirmacao(
                request, "O arquivo da prévia não está mais disponível. Envie a planilha de novo."
            )
        try:
            if hashlib.sha256(conteudo).hexdigest() != pendente["hash"]:
                return self._recusar_confirmacao(
                    request, "O arquivo da prévia mudou depois dela. Nada foi importado; envie-a de novo."
                )
            return super().process_import(request, **kwargs)
        finally:
            self._remover_temporario(pendente["nome"])  # a biblioteca só apaga quando tudo dá certo

    def _recusar_confirmacao(self, request, mensagem: str):
        contexto = {
            **self.admin_site.each_context(request),
            "title": "Importação recusada",
            "opts": self.opts,
            "mensagem": mensagem,
        }
        return TemplateResponse(request, "admin/importacao_recusada.html", contexto, status=400)


def _texto_do_campo(valor) -> str:
    """O valor inicial como o navegador o devolve no campo oculto."""
    if valor is None:
        return ""
    return str(getattr(valor, "pk", valor))


class ValidacaoSemConsultasMixin:
    """Para Resources do django-import-export: valida cada linha sem as consultas das restrições do banco.

    As regras das restrições estão também nos validadores dos campos e em clean(); o banco continua de
    guarda. Pular validate_constraints evita 4 a 5 consultas por linha; o código repetido na planilha é
    verificado pelo próprio Resource. `campo_destino` é a FK da versão, que a linha não traz.
    """

    campo_destino: str

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        erros = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude={self.campo_destino, *erros}, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            erros = exc.update_error_dict(erros)
        if erros:
            raise ValidationError(erros)


def linha_da_planilha(numero_da_linha_de_dados: int | None) -> int | None:
    """A linha 1 da planilha é o cabeçalho: a linha de dados N está na linha N + 1."""
    return None if numero_da_linha_de_dados is None else numero_da_linha_de_dados + 1


def erros_da_importacao(resultado) -> list[str]:
    """Mensagens em português de um resultado do django-import-export: “Linha N, coluna “x”: ...”."""
    mensagens = [str(erro.error) for erro in resultado.base_errors]
    if mensagens:  # erro no arquivo inteiro (colunas faltando): os erros de linha seriam só consequência
        return mensagens
    for numero, erros in resultado.row_errors():
        for erro in erros:
            mensagens.append(f"Linha {linha_da_planilha(numero)}: não foi possível gravar ({erro.error}).")
    for invalida in resultado.invalid_rows:
        linha = linha_da_planilha(invalida.number)
        for campo, lista in invalida.field_specific_errors.items():
            for mensagem in lista:
                mensagens.append(f"Linha {linha}, coluna “{campo}”: {mensagem}")
        for mensagem in invalida.non_field_specific_errors:
            mensagens.append(f"Linha {linha}: {mensagem}")
    return mensagens


class CarregadorDaVersao(CachedInstanceLoader):
    """Carrega de uma vez as linhas já gravadas da versão de destino (o `get_queryset` do Resource), pelo
    campo identificador. O CachedInstanceLoader da biblioteca monta o Dataset em dicionários três vezes e
    consulta com `codigo IN (20 mil códigos)`; aqui é uma consulta simples, do tamanho da versão."""

    def __init__(self, resource, dataset=None):
        BaseInstanceLoader.__init__(self, resource, dataset)
        self.pk_field = resource.fields[resource.get_import_id_fields()[0]]
        self.all_instances = {}
        destino = getattr(resource, resource.campo_destino, None)
        if destino is not None and self.pk_field.column_name in (dataset.headers or []):
            self.all_instances = {self.pk_field.get_value(obj): obj for obj in self.get_queryset()}


class ImportacaoRapidaMixin:
    """Para Resources do django-import-export: o mesmo trabalho de validação por linha, sem o que ninguém vê.

    A biblioteca faz, em cada linha, uma cópia profunda (deepcopy) da instância, guardada para a comparação
    “antes → depois” da prévia e para `skip_unchanged`: com 20 mil linhas, é o maior custo da importação
    (no catálogo, a cópia leva junto a versão inteira). Aqui não há cópia: os valores de antes são lidos da
    própria instância no mesmo ponto em que a biblioteca a copiaria (logo depois de carregá-la ou criá-la),
    e a comparação só é montada nas `linhas_com_comparacao` primeiras linhas da prévia (as que a tabela
    mostra; None: todas). `skip_unchanged` compara campo a campo como a biblioteca, contra esses valores
    (imutáveis: texto, Decimal, data). Campos muitos-para-muitos, que comparam com o banco, voltam ao
    caminho da biblioteca. A lista de campos é calculada uma vez por importação.
    """

    linhas_com_comparacao: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._meta = copy.copy(type(self)._meta)  # skip_diff muda por linha: só nesta instância
        self._sem_comparacao = bool(self._meta.skip_diff)  # o que o Resource declarou
        self._sem_m2m = True
        self._previa = True
        self._campos_importados = None
        self._comparar = False
        self._valores_antes = None
        self._diff = None
        self._instancia = None

    def get_import_fields(self):
        if self._campos_importados is None:
            self._campos_importados = super().get_import_fields()
        return self._campos_importados

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        self._previa = dry_run
        self._campos_importados = None
        self._sem_m2m = not any(
            isinstance(c.widget, widgets.ManyToManyWidget) for c in self.get_import_fields()
        )
        return super().import_data(dataset, dry_run, *args, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        limite = self.linhas_com_comparacao
        numero = kwargs.get("row_number") or 0
        self._comparar = not self._sem_comparacao and self._previa and (limite is None or numero <= limite)
        # sem cópia na biblioteca; a comparação, quando houver, é montada aqui (after_init_instance)
        self._meta.skip_diff = self._sem_m2m or not self._comparar
        self._valores_antes = self._diff = self._instancia = None
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not (self._sem_m2m and self._meta.skip_diff):
            return  # caminho da biblioteca, com a cópia
        if self._meta.skip_unchanged:
            self._valores_antes = [campo.get_value(instance) for campo in self.get_import_fields()]
        if self._comparar:
            self._diff = self.get_diff_class()(self, instance, new)  # lê os valores de antes, agora
            self._instancia = instance

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None or self._valores_antes is None:
            return super().skip_row(instance, original, row, import_validation_errors)
        # o mesmo teste da biblioteca (campo a campo), contra os valores lidos antes em vez da cópia
        if import_validation_errors:
            return False
        campos = self.get_import_fields()
        return all(c.get_value(instance) == v for c, v in zip(campos, self._valores_antes, strict=True))

    def after_import_row(self, row, row_result, **kwargs):
        # a biblioteca compara depois de gravar (ou pular) a linha válida e só então chama este método
        if self._diff is not None:
            self._diff.compare_with(self, self._instancia)
            if not self._meta.skip_html_diff:
                row_result.diff = self._diff.as_html()
        super().after_import_row(row, row_result, **kwargs)


class DiffDireto(Diff):
    """O mesmo HTML da comparação da biblioteca (diff_match_patch por célula), sem o diff por caractere
    quando o resultado é sabido: célula igual (um trecho igual) e célula vazia antes (um trecho inserido,
    o caso de toda linha nova). Só a célula que de fato mudou passa pelo diff_match_patch."""

    def as_html(self):
        celulas = []
        for v1, v2 in zip(self.left, self.right, strict=False):
            if v1 != v2 and self.new:  # como a biblioteca
                v1 = ""
            antes, depois = force_str(v1), force_str(v2)
            if antes == depois:
                html = f"<span>{_escapar_como_dmp(depois)}</span>" if depois else ""
            elif not antes:
                html = f'<ins style="background:#e6ffe6;">{_escapar_como_dmp(depois)}</ins>'
            else:
                dmp = diff_match_patch()
                trechos = dmp.diff_main(antes, depois)
                dmp.diff_cleanupSemantic(trechos)
                html = dmp.diff_prettyHtml(trechos)
            celulas.append(mark_safe(html))  # noqa: S308 (escapado como o diff_prettyHtml escapa)
        return celulas


def _escapar_como_dmp(texto: str) -> str:
    return texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&para;<br>")
