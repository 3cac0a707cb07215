"""Passeio do Gestor do órgão, pelo menu e pelos formulários: convida uma colega por e-mail, que cria a senha
pelo link e entra; dá a ela o papel de Equipe; remove-a; vê a auditoria. Páginas sem violações axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.grupos import GESTOR
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOVA = "senha-da-colega-bem-longa-7"


def _marcar(pagina, papel, marcado):
    """A caixa do gov.br DS fica sob o rótulo: clica-se nele, como a pessoa faz."""
    caixa = pagina.get_by_label(papel)
    if caixa.is_checked() != marcado:
        pagina.locator("label", has_text=papel).click()
    expect(caixa).to_be_checked(checked=marcado)


def test_gestor_convida_define_papel_e_remove(navegador, live_server, entrar, axe, criar_usuario, orgao):
    criar_usuario("gina", grupos=[GESTOR], orgaos=[orgao], first_name="Gina", last_name="Gestora")
    contexto = navegador.new_context(locale="pt-BR")
    pagina = contexto.new_page()
    pagina.set_default_timeout(15000)
    try:
        entrar(pagina, "gina", SENHA)
        pagina.get_by_role("link", name="Pessoas do órgão").click()
        expect(pagina.get_by_role("heading", name="Pessoas de ORGEX")).to_be_visible()
        assert axe(pagina) == [], "lista de pessoas"

        pagina.get_by_role("link", name="Convidar por e-mail").click()
        pagina.get_by_role("button", name="Salvar").click()
        expect(pagina.locator(".feedback.danger").first).to_be_visible()  # campos obrigatórios, nada gravado
        pagina.get_by_label("Nome completo").fill("Clara Colega")
        pagina.get_by_label("E-mail").fill("clara@orgex.gov.br")
        _marcar(pagina, "Consulta", True)
        assert axe(pagina) == [], "convite"
        pagina.get_by_role("button", name="Salvar").click()
        linha = pagina.get_by_test_id("membro-clara@orgex.gov.br")
        expect(linha).to_contain_text("Consulta")
        expect(linha).to_contain_text("Nunca entrou")

        # A colega cria a senha pelo link do convite, numa janela dela.
        link = re.search(r"https?://\S+/contas/senha/redefinir/\S+/", mail.outbox[0].body).group(0)
        dela = navegador.new_context(locale="pt-BR").new_page()
        dela.goto(link)
        dela.locator("#id_new_password1").fill(NOVA)
        dela.locator("#id_new_password2").fill(NOVA)
        dela.get_by_role("button", name="Salvar a senha").click()
        expect(dela.get_by_role("heading", name="Senha criada")).to_be_visible()
        entrar(dela, "clara@orgex.gov.br", NOVA)
        expect(dela.get_by_test_id("usuario-nome")).to_contain_text("Clara Colega")
        dela.context.close()

        pagina.reload()
        expect(linha).not_to_contain_text("Nunca entrou")
        linha.get_by_role("link", name="Papéis").click()
        _marcar(pagina, "Equipe de planejamento", True)
        _marcar(pagina, "Consulta", False)
        pagina.get_by_role("button", name="Salvar").click()
        expect(linha).to_contain_text("Equipe de planejamento")

        linha.get_by_role("link", name="Remover").click()
        pagina.get_by_role("button", name="Remover do órgão").click()
        expect(pagina.get_by_test_id("membro-clara@orgex.gov.br")).to_have_count(0)

        pagina.get_by_role("link", name="auditoria").click()
        eventos = pagina.locator("table")
        for texto in (
            "Pessoa incluída no órgão",
            "Papel concedido",
            "Papel retirado",
            "Pessoa removida do órgão",
        ):
            expect(eventos).to_contain_text(texto)
        expect(eventos).to_contain_text("Clara Colega")
        assert axe(pagina) == [], "auditoria"
    finally:
        contexto.close()
