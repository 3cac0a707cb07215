import pytest

from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_anonimo_vai_para_entrar_e_painel_mostra_o_nome(pagina, live_server, usuario_equipe):
    pagina.goto(f"{live_server.url}/")
    assert "/entrar/" in pagina.url
    pagina.get_by_label("Usuário").fill("equipe")
    pagina.get_by_label("Senha").fill(SENHA)
    pagina.get_by_role("button", name="Entrar").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.url == f"{live_server.url}/"
    assert "Ana Planejadora" in pagina.get_by_test_id("usuario-nome").inner_text()
    assert pagina.locator(".br-header").is_visible()
    # Nada sai de 127.0.0.1: fontes, ícones e scripts vêm do próprio servidor.
    assert pagina.externas == []
    # O CSS do gov.br DS e os ícones carregaram de fato.
    familia = pagina.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Raleway" in familia or "Rawline" in familia


def test_sair_encerra_a_sessao(pagina, live_server, entrar, usuario_equipe):
    entrar(pagina, "equipe", SENHA)
    pagina.get_by_role("button", name="Sair").click()
    pagina.wait_for_load_state("networkidle")
    pagina.goto(f"{live_server.url}/")
    assert "/entrar/" in pagina.url


def test_atalho_de_teclado_leva_ao_conteudo(pagina, live_server, entrar, usuario_equipe):
    entrar(pagina, "equipe", SENHA)
    pagina.keyboard.press("Tab")
    primeiro = pagina.evaluate("document.activeElement.textContent")
    assert "Ir para o conteúdo" in primeiro
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("location.hash") == "#conteudo"


@pytest.mark.parametrize("contraste", ["normal", "alto"])
def test_axe_sem_violacoes(pagina, live_server, entrar, axe, usuario_equipe, contraste):
    def preparar():
        if contraste == "alto" and not pagina.evaluate(
            "document.documentElement.classList.contains('alto-contraste')"
        ):
            pagina.locator("#alternar-contraste").click()

    pagina.goto(f"{live_server.url}/entrar/")
    preparar()
    assert axe(pagina) == [], "tela de entrada"
    entrar(pagina, "equipe", SENHA)
    for caminho in ("/", "/acessibilidade/"):
        pagina.goto(f"{live_server.url}{caminho}")
        preparar()
        assert axe(pagina) == [], caminho
    if contraste == "alto":
        # A escolha persiste entre páginas.
        pagina.reload()
        assert pagina.evaluate("document.documentElement.classList.contains('alto-contraste')")
        assert pagina.locator("#alternar-contraste").get_attribute("aria-pressed") == "true"
