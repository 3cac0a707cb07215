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

Os formatos do django-import-export que passam por estas guardas estão em `core.formatos`; o formulário e os
mixins de importação do admin (prévia, confirmação), em `core.importacao`. Os números das células se leem
com `core.numeros.decimal_br` ("5.075,52" ou "5075.52").
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

import tablib

from core.numeros import formatar_numero

TAMANHO_MAXIMO = 10 * 1024 * 1024  # 10 MiB, tamanho do arquivo enviado
# Dado de referência (mapa, catálogo) tem dezenas a milhares de linhas; 20.000 cabe com folga e mantém a
# prévia em poucos segundos (bench/importacao_limite.py). Contado durante a leitura, antes do Dataset.
LINHAS_MAXIMAS = 20_000
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


def verificar_tamanho(tamanho: int) -> None:
    """Recusa o arquivo acima de TAMANHO_MAXIMO (antes de ler: vale também para o formulário do admin)."""
    if tamanho > TAMANHO_MAXIMO:
        mib = formatar_numero(Decimal(tamanho) / 1024 / 1024, 1)
        raise ErroPlanilha(f"O arquivo tem {mib} MiB; o limite é 10 MiB.")


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
    verificar_tamanho(len(conteudo))
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
