"""Passeio 6: o superusuário inclui um membro num órgão pelo admin (/admin/contratos/orgao/…), com o seletor
de dois quadros; o Administrador de referências, abrindo a mesma página, vê os membros só para leitura."""

import os

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = os.environ.get("FOTOS_E2E", "")


def _foto(pagina, nome):
    if FOTOS:
        pagina.screenshot(path=f"{FOTOS}/{nome}.png", full_page=True)


def _salvar_e_conferir_membros(pagina, orgao):
    pagina.get_by_role("button", name="Salvar", exact=True).click()
    pagina.wait_for_load_state()
    expect(pagina.locator("ul.messagelist")).to_contain_text("foi alterado com sucesso")
    assert sorted(orgao.membros.values_list("username", flat=True)) == ["equipe", "novato"]


def test_superusuario_inclui_membro_e_administrador_so_le(
    navegador, live_server, entrar, superusuario, usuario_admin_ref, usuario_equipe, criar_usuario, orgao
):
    criar_usuario("novato", first_name="Nina", last_name="Nova")
    endereco = f"{live_server.url}/admin/contratos/orgao/{orgao.pk}/change/"

    contexto = navegador.new_context(locale="pt-BR", viewport={"width": 1366, "height": 900})
    pagina = contexto.new_page()
    pagina.set_default_timeout(15000)
    try:
        entrar(pagina, "super", SENHA)
        pagina.goto(f"{live_server.url}/admin/contratos/orgao/")
        pagina.get_by_role("link", name="ORGEX").click()
        assert pagina.url == endereco
        disponiveis = pagina.locator("#id_membros_from")
        disponiveis.select_option(label="novato")
        pagina.locator("#id_membros_add").click()  # a seta "Escolher" do seletor de dois quadros
        expect(pagina.locator("#id_membros_to option")).to_have_text(["equipe", "novato"])
        _foto(pagina, "6-orgao-super-1366")
        _salvar_e_conferir_membros(pagina, orgao)
    finally:
        contexto.close()

    contexto = navegador.new_context(locale="pt-BR", viewport={"width": 1366, "height": 900})
    pagina = contexto.new_page()
    pagina.set_default_timeout(15000)
    try:
        entrar(pagina, "adminref", SENHA)
        pagina.goto(endereco)
        expect(pagina.locator("#id_membros_from")).to_have_count(0)
        expect(pagina.locator("select[name=membros]")).to_have_count(0)
        campo = pagina.locator(".field-membros")
        expect(campo).to_contain_text("equipe")
        expect(campo).to_contain_text("novato")
        _foto(pagina, "6-orgao-adminref-1366")
        # Um envio forjado, com o próprio usuário acrescentado como membro, não muda os membros.
        pagina.evaluate(
            """id => {
                const i = document.createElement('input');
                i.type = 'hidden'; i.name = 'membros'; i.value = id;
                document.querySelector('#orgao_form').appendChild(i);
            }""",
            str(usuario_admin_ref.pk),
        )
        _salvar_e_conferir_membros(pagina, orgao)
    finally:
        contexto.close()
