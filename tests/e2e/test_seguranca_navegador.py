"""Navegador: o histórico do admin é só para consulta e o bloqueio de login fala português."""

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA
from tests.contratos.conftest import criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_administrador_consulta_historico_do_mapa_sem_reverter(
    pagina, live_server, entrar, usuario_admin_ref, tmp_path
):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    mapa.observacoes = "Observação nova"
    mapa.save()
    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/admin/contratos/mapasalarial/{mapa.pk}/history/")
    # A entrada mais antiga do histórico abre para leitura, sem botão de reverter.
    pagina.locator("#change-history tbody tr").last.locator("a").first.click()
    pagina.wait_for_load_state("networkidle")
    assert "history" in pagina.url
    expect(pagina.get_by_role("button", name="Reverter")).to_have_count(0)
    expect(pagina.locator('input[type="submit"]')).to_have_count(0)
    pagina.screenshot(path=tmp_path / "historico.png", full_page=True)


def test_cinco_senhas_erradas_mostram_o_bloqueio_em_portugues(pagina, live_server, usuario_equipe, tmp_path):
    pagina.set_viewport_size({"width": 390, "height": 844})
    for _ in range(5):
        pagina.goto(f"{live_server.url}/entrar/")
        pagina.get_by_label("Usuário").fill("equipe")
        pagina.get_by_label("Senha").fill("senha-errada-qualquer")
        pagina.get_by_label("Senha").press("Enter")
        pagina.wait_for_load_state("networkidle")
    expect(pagina.get_by_role("heading", name="Acesso bloqueado temporariamente")).to_be_visible()
    expect(pagina.get_by_text("15 minutos")).to_be_visible()
    pagina.screenshot(path=tmp_path / "bloqueio-390.png", full_page=True)

    # Nem a senha certa entra deste endereço durante o bloqueio.
    pagina.goto(f"{live_server.url}/entrar/")
    pagina.get_by_label("Usuário").fill("equipe")
    pagina.get_by_label("Senha").fill(SENHA)
    pagina.get_by_role("button", name="Entrar").click()
    expect(pagina.get_by_role("heading", name="Acesso bloqueado temporariamente")).to_be_visible()
