"""Recalcula pastas XLSX com o LibreOffice headless, para conferir os valores das fórmulas geradas.

O openpyxl grava fórmulas sem valor em cache: só um programa de planilha as calcula. O perfil do LibreOffice é
novo a cada chamada (testes paralelos não disputam o mesmo) e manda recalcular sempre ao abrir arquivos OOXML,
para que o valor lido venha das nossas fórmulas e não de um cache.
"""

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"

_RECALCULAR_SEMPRE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@dataclass
class PastaRecalculada:
    valores: openpyxl.Workbook  # data_only=True: o que o LibreOffice calculou
    formulas: openpyxl.Workbook  # data_only=False: o que ficou gravado (fórmula ou texto)

    def linhas(self, aba: str) -> list[tuple]:
        return list(self.valores[aba].iter_rows(values_only=True))


def reais_calculados(valor) -> Decimal:
    """Valor que o LibreOffice calculou numa célula de fórmula, em reais (falha se veio texto ou vazio)."""
    assert isinstance(valor, int | float), f"esperava número calculado, veio {valor!r}"
    return Decimal(repr(valor)).quantize(Decimal("0.01"))


def libreoffice_disponivel() -> bool:
    return Path(SOFFICE).exists()


def recalcular(xlsx: bytes, *, tempo_limite: int = 120) -> PastaRecalculada:
    """Abre `xlsx` no LibreOffice, recalcula, salva de novo como XLSX e lê os valores com o openpyxl."""
    return recalcular_varias([xlsx], tempo_limite=tempo_limite)[0]


def recalcular_varias(pastas: list[bytes], *, tempo_limite: int = 120) -> list[PastaRecalculada]:
    """Como `recalcular`, com uma só partida do LibreOffice (cada partida custa segundos)."""
    nomes = [f"pasta{indice}.xlsx" for indice in range(len(pastas))]
    abertas = abrir_no_libreoffice(dict(zip(nomes, pastas, strict=True)), tempo_limite=tempo_limite)
    return [abertas[nome] for nome in nomes]


def abrir_no_libreoffice(
    arquivos: dict[str, bytes], *, tempo_limite: int = 120
) -> dict[str, PastaRecalculada]:
    """Abre cada arquivo (.xlsx ou .csv, pela extensão do nome) no LibreOffice, como um usuário abriria, e
    devolve o que ele mostrou, salvo de novo como XLSX."""
    convertidos = converter_no_libreoffice(arquivos, "xlsx:Calc MS Excel 2007 XML", tempo_limite=tempo_limite)
    return {
        nome: PastaRecalculada(
            valores=openpyxl.load_workbook(BytesIO(dados), data_only=True),
            formulas=openpyxl.load_workbook(BytesIO(dados)),
        )
        for nome, dados in convertidos.items()
    }


def imprimir_em_pdf(arquivos: dict[str, bytes], *, tempo_limite: int = 120) -> dict[str, bytes]:
    """O PDF que o LibreOffice imprime de cada planilha (com a configuração de página dela)."""
    return converter_no_libreoffice(arquivos, "pdf", tempo_limite=tempo_limite)


def converter_no_libreoffice(arquivos: dict[str, bytes], filtro: str, *, tempo_limite: int = 120) -> dict:
    """`soffice --convert-to filtro` de cada arquivo, numa só partida, com perfil novo (que recalcula ao
    abrir); devolve os bytes convertidos pelo nome de entrada."""
    if not libreoffice_disponivel():
        pytest.skip(f"LibreOffice (soffice) não encontrado em {SOFFICE}")
    extensao = filtro.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        base = Path(tmp)
        perfil = base / "perfil"
        (perfil / "user").mkdir(parents=True)
        (perfil / "user" / "registrymodifications.xcu").write_text(_RECALCULAR_SEMPRE, encoding="utf-8")
        entrada = base / "entrada"
        saida = base / "saida"
        entrada.mkdir()
        saida.mkdir()
        caminhos = []
        for nome, conteudo in arquivos.items():
            caminho = entrada / nome
            caminho.write_bytes(conteudo)
            caminhos.append(caminho)
        processo = subprocess.run(
            [
                SOFFICE,
                "--headless",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation={perfil.as_uri()}",
                "--convert-to",
                filtro,
                "--outdir",
                str(saida),
                *map(str, caminhos),
            ],
            capture_output=True,
            text=True,
            timeout=tempo_limite,
            check=False,
        )
        resultado = {}
        for caminho in caminhos:
            convertido = saida / f"{caminho.stem}.{extensao}"
            if not convertido.exists():
                erro = f"{processo.stdout} {processo.stderr}"
                raise RuntimeError(f"LibreOffice não converteu {caminho.name}: {erro}")
            resultado[caminho.name] = convertido.read_bytes()
    return resultado
