"""Navegador: duas pessoas (duas sessões) editam o mesmo item; a segunda vê o conflito e recarrega."""

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao, Item
from core.grupos import EQUIPE
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_segunda_pessoa_ve_o_conflito_e_recarrega(
    navegador, pagina, live_server, entrar, usuario_equipe, criar_usuario, orgao
):
    criar_usuario("colega", grupos=[EQUIPE], orgaos=[orgao])
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Sustentação", numero_processo="19974.000888/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("GERINF", 1, None, "")])
    item = Item.objects.get(contratacao=contratacao)
    url = f"{live_server.url}/contratos/itens/{item.pk}/editar/"

    contexto_b = navegador.new_context(locale="pt-BR")
    colega = contexto_b.new_page()
    try:
        entrar(pagina, "equipe", SENHA)
        entrar(colega, "colega", SENHA)
        pagina.goto(url)
        colega.goto(url)
        pagina.get_by_label("Descrição").fill("Descrição da Ana")
        pagina.get_by_role("button", name="Salvar item").click()
        pagina.wait_for_load_state("networkidle")

        colega.get_by_label("Descrição").fill("Descrição do colega")
        colega.get_by_role("button", name="Salvar item").click()
        expect(colega.get_by_text("Este item foi alterado por outra pessoa em")).to_be_visible()
        for largura in (1366, 390):
            colega.set_viewport_size({"width": largura, "height": 900})
            colega.screenshot(path=f"/tmp/shots-linhas/conflito-item-{largura}.png", full_page=True)  # noqa: S108
        item.refresh_from_db()
        assert item.descricao == "Descrição da Ana"

        colega.get_by_role("link", name="Recarregar a versão atual").click()
        expect(colega.get_by_label("Descrição")).to_have_value("Descrição da Ana")
        colega.get_by_label("Descrição").fill("Descrição do colega")
        colega.get_by_role("button", name="Salvar item").click()
        colega.wait_for_load_state("networkidle")
        item.refresh_from_db()
        assert item.descricao == "Descrição do colega"
    finally:
        contexto_b.close()
