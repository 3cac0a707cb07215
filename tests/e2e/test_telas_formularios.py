"""Formulários e celular (issue 15): o resumo de erros no topo recebe o foco e leva a cada campo; a equipe de
planejamento acrescenta várias linhas num salvamento só, cada campo com rótulo; no celular o menu fica
recolhido atrás do botão do cabeçalho e o título da página aparece sem rolar."""

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao, MembroEquipe
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contratacao(orgao):
    contratacao = Contratacao.objects.create(
        orgao=orgao,
        objeto="Operação de infraestrutura",
        numero_processo="19974.000001/2026-01",
        mapa=criar_mapa("Portaria SGD/MGI nº 6.055/2025"),
    )
    adicionar_os(contratacao, [(c, 1, None, "") for c in ("ASUPCOMP-02", "GERINF")] * 10)
    return contratacao


def test_salvamento_que_falha_mostra_o_resumo_no_topo_com_foco(
    pagina, live_server, entrar, usuario_equipe, contratacao
):
    entrar(pagina, "equipe", SENHA)
    ordem = contratacao.ordens.get()
    pagina.goto(f"{live_server.url}/contratos/os/{ordem.pk}/")
    ultima = 19
    pagina.locator(f'input[name="linhas-{ultima}-fator_k"]').fill("2,50")  # sem justificativa
    pagina.locator('input[name="linhas-3-quantidade"]').fill("0")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Salvar OS").click()

    resumo = pagina.get_by_test_id("resumo-erros")
    expect(resumo).to_be_focused()
    assert resumo.bounding_box()["y"] < 900, "o resumo aparece sem rolar"
    expect(resumo.get_by_role("heading")).to_have_text("O formulário tem 2 erros")
    expect(resumo).to_contain_text("Linha 4, Quantidade")
    resumo.get_by_role("link", name="Justificativa").click()
    expect(pagina.locator(f'textarea[name="linhas-{ultima}-justificativa"]')).to_be_focused()
    resumo.get_by_role("link", name="Quantidade").click()
    expect(pagina.locator('input[name="linhas-3-quantidade"]')).to_be_focused()


def test_equipe_acrescenta_varias_linhas_num_salvamento(
    pagina, live_server, entrar, usuario_equipe, contratacao
):
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}/contratos/contratacoes/{contratacao.pk}/editar/")
    pagina.get_by_label("Nome, linha 1").fill("Ana Requisitante")
    pagina.get_by_label("Papel, linha 1").select_option("requisitante")
    for numero, (nome, papel) in enumerate(
        (("Bruno Técnico", "tecnico"), ("Carla Adm", "administrativo")), 2
    ):
        pagina.get_by_role("button", name="Acrescentar linha").click()
        expect(pagina.get_by_label(f"Nome, linha {numero}")).to_be_focused()
        pagina.get_by_label(f"Nome, linha {numero}").fill(nome)
        pagina.get_by_label(f"Papel, linha {numero}").select_option(papel)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Salvar").click()
    expect(pagina.get_by_test_id("resumo-erros")).to_have_count(0)
    assert sorted(MembroEquipe.objects.values_list("nome", flat=True)) == [
        "Ana Requisitante",
        "Bruno Técnico",
        "Carla Adm",
    ]


def test_menu_recolhido_no_celular(pagina, live_server, entrar, usuario_equipe):
    pagina.set_viewport_size({"width": 390, "height": 844})
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}/contratos/contratacoes/")
    menu = pagina.locator("#menu-principal")
    botao = pagina.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()
    expect(botao).to_have_attribute("aria-expanded", "false")
    titulo = pagina.get_by_role("heading", name="Contratações", level=1)
    assert titulo.bounding_box()["y"] < 400, "o título fica na primeira dobra"
    botao.click()
    expect(menu).to_be_visible()
    expect(botao).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link").first).to_be_focused()
    pagina.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(botao).to_be_focused()
    # o atalho "Ir para o rodapé" não aparece no meio da página: só com o foco
    atalho = pagina.get_by_role("link", name="Ir para o rodapé")
    assert atalho.bounding_box()["width"] <= 1
    pagina.set_viewport_size({"width": 1366, "height": 900})
    expect(menu).to_be_visible()
    expect(botao).to_be_hidden()
