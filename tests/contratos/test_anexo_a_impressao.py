"""Anexo A no papel (issue 15, item 7): impresso pelo LibreOffice headless, cabe em A4 paisagem, legível
(perto de 100%), nas fontes nomeadas, sem rótulo nem número cortado, com cabeçalho e "Página N de M".

Uma só partida do LibreOffice para o módulo; o PDF é lido com pdfinfo, pdffonts e pdftotext (poppler)."""

import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from contratos.anexo_a import COLUNAS, COLUNAS_NUVEM, linhas_de_texto
from contratos.estimativa import Item, LinhaNuvem, calcular_estimativa
from tests.contratos.test_anexo_a import gerar, linha
from tests.planilhas import imprimir_em_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) ausente")

OBJETO = "Operação de infraestrutura de TIC e atendimento a usuários da sede e das unidades regionais. " * 20
JUSTIFICATIVA = "Acordo coletivo local com piso acima do mapa, conforme pesquisa anexa ao processo SEI."
SERVICO_LONGO = "Máquina virtual de uso geral com 8 vCPU, 32 GB de memória e disco SSD de 200 GB"
ROTULOS = [
    "Valor mensal total",
    "Valor anual (12 meses)",
    "Meses de vigência estimada",
    "Valor no período (× meses)",
    "Gerado em",
    "Subtotal mensal do Item 1",
    "Subtotal mensal do Item 2",
    *(titulo for titulo, _ in COLUNAS),
    *(titulo for titulo in COLUNAS_NUVEM if titulo),
    "Técnico de suporte ao usuário de tecnologia da informação",
    SERVICO_LONGO,
]


def _estimativa():
    perfis = Item(
        numero=1,
        descricao="Sustentação da infraestrutura e atendimento",
        linhas=(
            linha("ASUPCOMP-02", 40),
            linha("GERINF", 30, k="2.50", justificativa=JUSTIFICATIVA),
            linha("TECSUP-03", 25),
        ),
    )
    nuvem = Item(
        numero=2,
        descricao="Nuvem de governo",
        linhas=(),
        tipo="nuvem",
        catalogo="Catálogo de exemplo 2025.1",
        catalogo_ilustrativo=True,
        linhas_nuvem=(
            LinhaNuvem(
                codigo="CMP-VM-G",
                servico=SERVICO_LONGO,
                categoria="Computação",
                unidade="instância/hora",
                quantidade=D("7200.5"),
                preco_unitario=D("0.3736"),
                observacao="Ambiente de homologação ligado só em horário comercial, de segunda a sexta.",
            ),
        ),
    )
    return calcular_estimativa([perfis, nuvem], meses=120)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    caminho = tmp_path_factory.mktemp("anexo-a") / "anexo-a.pdf"
    caminho.write_bytes(
        imprimir_em_pdf({"anexo-a.xlsx": gerar(_estimativa(), objeto=OBJETO)})["anexo-a.xlsx"]
    )
    return caminho


def _rodar(*comando) -> str:
    return subprocess.run(comando, capture_output=True, text=True, check=True, timeout=60).stdout


def _palavras(texto: str) -> str:
    return " ".join(texto.split())


def test_a4_paisagem_em_todas_as_paginas(pdf):
    info = _rodar("pdfinfo", "-f", "1", "-l", "99", str(pdf))
    tamanhos = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert tamanhos and all((round(float(x)), round(float(y))) == (842, 595) for x, y in tamanhos)


def test_so_as_fontes_nomeadas_sem_serifada_nem_substituta(pdf):
    linhas = _rodar("pdffonts", str(pdf)).splitlines()[2:]
    fontes = {linha.split()[0].split("+", 1)[-1] for linha in linhas}
    assert fontes <= {"LiberationSans", "LiberationSans-Bold"}, fontes


def test_rotulos_inteiros_sem_sustenidos(pdf):
    """Cada rótulo sai inteiro (palavras seguidas, mesmo quebrado em linhas), e nenhum número vira ###."""
    texto = _palavras(_rodar("pdftotext", "-raw", str(pdf), "-"))
    faltam = [rotulo for rotulo in ROTULOS if _palavras(rotulo) not in texto]
    assert faltam == []
    assert "###" not in texto
    for valor in ("R$ 5,075.52", "R$ 17,851.64", "R$ 7,487.05"):  # o LibreOffice do CI formata em inglês
        assert valor in texto or valor.replace(",", "_").replace(".", ",").replace("_", ".") in texto
    assert "Objeto" in texto and _palavras(OBJETO) in texto  # o objeto longo inteiro, quebrado em linhas


def test_legivel_perto_de_100_por_cento(pdf):
    """A largura toda cabe sem reduzir o texto abaixo de ~9 pt (antes: ~6 pt num quarto da página)."""
    bbox = _rodar("pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-")
    palavra = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Analista<', bbox)
    altura = float(palavra[2]) - float(palavra[1])  # Liberation Sans: ~1,12 × o corpo da letra
    assert altura / 1.12 >= 8.8
    direita = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert direita <= 842 - 0.25 * 72 + 1  # nada além da margem direita


def test_cabecalho_e_numero_das_paginas(pdf):
    paginas = _rodar("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]
    assert len(paginas) >= 3
    for numero, pagina in enumerate(paginas, start=1):
        assert f"Página {numero} de {len(paginas)}" in pagina
        assert "Órgão de Exemplo – processo 19974.000001/2026-01" in pagina


def test_linhas_de_texto_estima_com_folga():
    assert linhas_de_texto("", 10) == 1
    assert linhas_de_texto("Valor anual (12 meses)", 14, negrito=True) == 2
    assert linhas_de_texto("a " * 30, 11) == 6  # 10 caracteres por linha: "a a a a a " cabe
    assert linhas_de_texto("x" * 25, 11) == 3  # palavra maior que a linha continua na seguinte
    assert linhas_de_texto("um\ndois", 40) == 2
