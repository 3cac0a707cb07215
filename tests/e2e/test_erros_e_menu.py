"""Navegador (issue 10, defeito 8): quem não pode abrir uma página recebe a recusa em português, na casca do
produto, e volta ao Painel pelo teclado; endereço inexistente, idem; o menu não oferece o que recusa."""

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _na_casca(pagina, titulo):
    expect(pagina.get_by_role("heading", level=1)).to_have_text(titulo)
    expect(pagina.locator("#cabecalho")).to_contain_text("PlanejaTIC")
    expect(pagina.get_by_role("heading", name="O que fazer")).to_be_visible()
    for ingles in ("Forbidden", "Not Found", "Server Error"):
        expect(pagina.get_by_text(ingles)).to_have_count(0)


@pytest.mark.parametrize("contraste", ["normal", "alto"])
def test_acompanhamento_recusado_e_endereco_inexistente(
    pagina, live_server, entrar, axe, usuario_acompanhamento, contraste
):
    # O live_server roda com DEBUG=False, como a produção.
    entrar(pagina, "acompanha", SENHA)
    menu = pagina.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Cronograma do ACT")).to_be_visible()
    expect(menu.get_by_role("link", name="Contratações")).to_have_count(0)
    if contraste == "alto":
        pagina.locator("#alternar-contraste").click()
        assert pagina.evaluate("document.documentElement.classList.contains('alto-contraste')")

    resposta = pagina.goto(f"{live_server.url}/contratos/contratacoes/")
    assert resposta.status == 403
    _na_casca(pagina, "Acesso negado")
    expect(pagina.get_by_text("o seu perfil não permite abrir esta página")).to_be_visible()
    assert axe(pagina) == []

    # Só teclado: Tab até "Voltar ao Painel" e Enter.
    voltar = pagina.get_by_role("link", name="Voltar ao Painel")
    for _ in range(40):
        pagina.keyboard.press("Tab")
        if voltar.evaluate("e => e === document.activeElement"):
            break
    expect(voltar).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Olá")
    assert pagina.url == f"{live_server.url}/"

    resposta = pagina.goto(f"{live_server.url}/contratos/nao-existe/")
    assert resposta.status == 404
    _na_casca(pagina, "Página não encontrada")
    expect(pagina.locator("code")).to_have_text("/contratos/nao-existe/")
    assert axe(pagina) == []
    assert pagina.externas == []
