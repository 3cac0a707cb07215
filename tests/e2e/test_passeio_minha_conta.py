"""Minha conta no navegador: a pessoa troca o nome, encerra a sessão aberta em outro navegador (que volta à
tela de entrada) e pede um link de senha pela tela de entrada. Páginas sem violações axe."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _janela(navegador):
    pagina = navegador.new_context(locale="pt-BR").new_page()
    pagina.set_default_timeout(15000)
    return pagina


def test_minha_conta_encerra_a_outra_sessao(navegador, live_server, entrar, axe, usuario_equipe):
    aqui, la = _janela(navegador), _janela(navegador)
    try:
        entrar(la, "equipe", SENHA)
        entrar(aqui, "equipe", SENHA)
        aqui.get_by_role("link", name="Minha conta").click()
        expect(aqui.get_by_test_id("sessoes")).to_contain_text("Outra sessão")
        assert axe(aqui) == [], "Minha conta"

        aqui.get_by_label("Sobrenome").fill("Planejadora-Chefe")
        aqui.get_by_role("button", name="Salvar dados").click()
        expect(aqui.get_by_test_id("usuario-nome")).to_contain_text("Ana Planejadora-Chefe")

        aqui.get_by_role("button", name="Encerrar as outras sessões").click()
        expect(aqui.locator(".br-message")).to_contain_text("1 outra(s) sessão(ões) encerrada(s)")
        expect(aqui.get_by_test_id("sessoes")).not_to_contain_text("Outra sessão")

        la.reload()
        assert "/entrar/" in la.url
        aqui.reload()
        assert "/contas/minha-conta/" in aqui.url
    finally:
        aqui.context.close()
        la.context.close()


def test_esqueci_a_senha_pela_tela_de_entrada(navegador, live_server, axe, usuario_equipe):
    usuario_equipe.email = "ana@orgex.gov.br"
    usuario_equipe.save()
    pagina = _janela(navegador)
    try:
        pagina.goto(f"{live_server.url}/entrar/")
        pagina.get_by_role("link", name="Esqueci a senha").click()
        assert axe(pagina) == [], "esqueci a senha"
        pagina.locator("#id_email").fill("ana@orgex.gov.br")
        pagina.get_by_role("button", name="Enviar o link").click()
        expect(pagina.get_by_role("heading", name="Link enviado")).to_be_visible()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@orgex.gov.br"]
    finally:
        pagina.context.close()
