"""OS com muitas linhas: as opções de perfil chegam uma vez na página e cada select é completado depois do
load (em fatias) ou na hora em que recebe o foco ou o ponteiro; teclado e mouse funcionam como antes."""

from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from contratos.estimativa import formatar_reais
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINHAS = 120  # acima das 50 que o script completa de imediato (static/js/contratos.js)


@pytest.fixture
def tela(pagina, live_server, entrar, orgao, usuario_equipe):
    from contratos.models import Contratacao

    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="OS grande", numero_processo="19974.000120/2026-01", mapa=mapa
    )
    ordem = adicionar_os(contratacao, [("GERINF", 1, None, "")] * LINHAS)
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}/contratos/os/{ordem.pk}/")
    pagina.pk = {v.codigo: str(v.pk) for v in mapa.valores.all()}
    return pagina


def test_ultima_linha_pelo_teclado_troca_o_perfil_e_o_k_segue_o_mapa(tela):
    ultima = LINHAS - 1
    perfil = tela.locator(f'select[name="linhas-{ultima}-perfil"]')
    expect(perfil).to_have_value(tela.pk["GERINF"])
    perfil.focus()
    tela.keyboard.type("ASUPCOMP-02", delay=40)
    expect(perfil).to_have_value(tela.pk["ASUPCOMP-02"])
    expect(tela.locator(f'input[name="linhas-{ultima}-fator_k"]')).to_have_value("2,12")
    # 119 × GERINF (17.851,64 × 1,94 = 34.632,18) + 1 × ASUPCOMP-02 (10.760,10)
    expect(tela.get_by_test_id("total-os")).to_have_text(formatar_reais(119 * D("34632.18") + D("10760.10")))


def test_todas_as_linhas_recebem_as_opcoes_e_mantem_o_perfil(tela):
    selects = tela.locator("select.campo-perfil")
    expect(selects).to_have_count(LINHAS)
    expect(tela.locator("select[data-opcoes]")).to_have_count(0)  # completadas depois do load
    expect(selects.nth(60).locator("option")).to_have_count(1 + 4)  # a vazia e os 4 perfis do mapa de teste
    expect(selects.nth(60)).to_have_value(tela.pk["GERINF"])
