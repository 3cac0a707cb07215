"""Navegador: a OS do detalhe (montada em Python) pelo teclado, no celular: Tab até "Excluir OS", Enter, a
pergunta com o plural certo; cancelar não exclui. Sem violações do axe, em alto contraste também."""

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, mapa, nova_contratacao  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_excluir_os_pelo_teclado_e_cancelar(
    pagina,
    live_server,
    entrar,
    usuario_equipe,
    nova_contratacao,  # noqa: F811 (a fixture importada acima)
    axe,
):
    contratacao = nova_contratacao()
    adicionar_os(contratacao, [("GERINF", 1, None, "")], numero="OS nº 001/2026")
    vazia = adicionar_os(contratacao, [], numero="OS nº 002/2026")
    entrar(pagina, "equipe", SENHA)
    pagina.set_viewport_size({"width": 390, "height": 844})
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    perguntas = []
    pagina.on("dialog", lambda d: (perguntas.append(d.message), d.dismiss()))
    botao = pagina.locator(f'form[action$="/os/{vazia.pk}/excluir/"] button')
    for _ in range(80):  # como uma pessoa: Tab até o botão
        pagina.keyboard.press("Tab")
        if botao.evaluate("b => b === document.activeElement"):
            break
    expect(botao).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(pagina.get_by_role("heading", name="OS nº 002/2026 – Sustentação do ambiente")).to_be_visible()
    assert perguntas == [
        "Excluir a OS nº 002/2026 – Sustentação do ambiente, com 0 linhas de perfil (valor mensal R$ 0,00)? "
        "Não há como desfazer."
    ]
    assert contratacao.ordens.count() == 2
    assert axe(pagina) == []
    pagina.locator("#alternar-contraste").click()
    assert axe(pagina) == []
