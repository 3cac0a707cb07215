"""Construtores de arquivos de teste (CSV, XLSX, XLSX hostis) para os testes do mapa salarial."""

import io
import zipfile

import openpyxl

CABECALHO = ["codigo", "perfil", "senioridade", "remuneracao", "fator_k"]


def csv_bytes(linhas, cabecalho=CABECALHO, separador=",") -> bytes:
    texto = separador.join(cabecalho) + "\n"
    for linha in linhas:
        campos = []
        for v in linha:
            v = "" if v is None else str(v)
            campos.append(f'"{v}"' if separador in v else v)
        texto += separador.join(campos) + "\n"
    return texto.encode("utf-8")


def xlsx_bytes(linhas, cabecalho=CABECALHO) -> bytes:
    livro = openpyxl.Workbook()
    aba = livro.active
    aba.append(cabecalho)
    for linha in linhas:
        aba.append(list(linha))
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


def trocar_parte(xlsx: bytes, nome: str, novo: bytes) -> bytes:
    """Reescreve uma parte do pacote .xlsx (para montar arquivos hostis)."""
    entrada = zipfile.ZipFile(io.BytesIO(xlsx))
    saida = io.BytesIO()
    with zipfile.ZipFile(saida, "w", zipfile.ZIP_DEFLATED) as z:
        for info in entrada.infolist():
            z.writestr(info.filename, novo if info.filename == nome else entrada.read(info.filename))
    return saida.getvalue()


def xlsx_com_entidades(linhas) -> bytes:
    """Planilha cujo XML da aba declara entidades encadeadas (billion laughs)."""
    base = xlsx_bytes(linhas)
    original = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml")
    dtd = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    corpo = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    return trocar_parte(base, "xl/worksheets/sheet1.xml", dtd + corpo)


def xlsx_bomba() -> bytes:
    """Arquivo pequeno (dezenas de KiB) que se expande a 50 MiB: uma aba de zeros."""
    base = xlsx_bytes([["X-01", "Perfil", "", "1", "1"]])
    entrada = zipfile.ZipFile(io.BytesIO(base))
    saida = io.BytesIO()
    with zipfile.ZipFile(saida, "w", zipfile.ZIP_DEFLATED) as z:
        for info in entrada.infolist():
            z.writestr(info.filename, entrada.read(info.filename))
        z.writestr("xl/media/enchimento.xml", b"0" * (50 * 1024 * 1024))
    return saida.getvalue()


def xlsm_disfarcado(linhas) -> bytes:
    """Pacote com macro (vbaProject.bin e tipo macroEnabled) salvo com nome .xlsx."""
    base = xlsx_bytes(linhas)
    tipos = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    tipos = tipos.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    comtipos = trocar_parte(base, "[Content_Types].xml", tipos)
    saida = io.BytesIO(comtipos)
    with zipfile.ZipFile(saida, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\x00macro")
    return saida.getvalue()
