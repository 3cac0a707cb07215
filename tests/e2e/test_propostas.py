"""Navegador: a equipe registra 3 propostas, vê as marcas lado a lado e baixa a análise."""

import openpyxl
import pytest
from playwright.sync_api import expect

from contratos.propostas.exportacao import ABA_ANALISE
from tests.conftest import SENHA
from tests.e2e.comum import baixar, contratacao_do_exemplo

OS = "OS nº 001/2026"
# Licitante, CNPJ e as ofertas de ASUPCOMP-02 e de GERINF: (preço, salário, K), com "" no que não se digita.
PROPOSTAS = [
    ("Alfa Serviços", "11.222.333/0001-81", ("16.000,00", "", ""), ("34.632,18", "", "")),
    ("Beta Barata", "11.444.777/0001-61", ("5.000,00", "", ""), ("10.000,00", "", "")),
    ("Gama Regular", "45.997.418/0001-53", ("", "5.075,52", "2,12"), ("", "17.851,64", "1,94")),
]


def _registrar(pagina, licitante, cnpj, *, asup, gerinf):
    """`asup`/`gerinf`: (preço, salário, K), com "" no que não se digita."""
    pagina.get_by_role("link", name="Nova proposta").click()
    pagina.get_by_label("Licitante").fill(licitante)
    pagina.get_by_label("CNPJ").fill(cnpj)
    pagina.get_by_label("Data da proposta").fill("2026-03-10")
    for codigo, valores in (("ASUPCOMP-02", asup), ("GERINF", gerinf)):
        for rotulo, valor in zip(("Preço", "Salário", "Fator-K"), valores, strict=True):
            if valor:
                pagina.get_by_label(f"{rotulo} de {codigo} ({OS})").fill(valor)
    pagina.get_by_role("button", name="Salvar proposta").click()
    expect(pagina.get_by_text("Proposta salva.")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_compara_tres_propostas_e_exporta(
    pagina, live_server, entrar, axe, usuario_equipe, orgao, tmp_path
):
    contratacao = contratacao_do_exemplo(
        orgao, objeto="Operação de infraestrutura", numero_processo="19974.000321/2026-10"
    )
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    pagina.get_by_role("link", name="Propostas e prorrogação").click()
    expect(pagina.get_by_text("Nenhuma proposta registrada.")).to_be_visible()

    for licitante, cnpj, asup, gerinf in PROPOSTAS:
        _registrar(pagina, licitante, cnpj, asup=asup, gerinf=gerinf)

    tabela = pagina.get_by_test_id("lado-a-lado")
    expect(tabela.get_by_test_id("licitante")).to_have_count(3)
    expect(tabela.get_by_text("diligência", exact=True)).to_have_count(1)  # Alfa: K 3,15
    expect(tabela.get_by_text("indício de inexequibilidade")).to_have_count(1)  # Beta: 20.000 < 50%
    expect(tabela.get_by_test_id("total")).to_have_text(["R$ 66.632,18", "R$ 20.000,00", "R$ 56.152,38"])
    assert axe(pagina) == []

    pagina.get_by_test_id("ordenar-total").click()
    expect(tabela.get_by_test_id("total")).to_have_text(["R$ 20.000,00", "R$ 56.152,38", "R$ 66.632,18"])

    arquivo = baixar(pagina, tmp_path, pagina.get_by_test_id("exportar-analise"))
    ws = openpyxl.load_workbook(arquivo)[ABA_ANALISE]
    licitantes = [c.value for c in ws[5] if c.value]
    assert licitantes[0] == "Beta Barata (11.444.777/0001-61)" and len(licitantes) == 3  # ordenada pelo total
