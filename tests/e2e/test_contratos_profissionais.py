"""Navegador: a equipe inclui um item de serviços profissionais pelo teclado e pelo mouse, vê os totais ao
vivo, salva e baixa o Anexo A, que o LibreOffice recalcula aos mesmos valores da tela."""

from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA
from tests.contratos.test_profissionais import criar_catalogo_profissional
from tests.e2e import comum


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_inclui_item_de_servicos_profissionais_e_exporta(
    pagina, live_server, entrar, axe, usuario_equipe, orgao, tmp_path
):
    contratacao = comum.contratacao_do_exemplo(
        orgao, objeto="Sustentação e apoio", numero_processo="19974.000888/2026-01"
    )
    catalogo = criar_catalogo_profissional()
    servico = {s.codigo: str(s.pk) for s in catalogo.servicos_profissionais.all()}

    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    pagina.get_by_role("link", name="Novo item").click()
    pagina.get_by_label("Descrição").fill("Apoio especializado")
    pagina.get_by_label("Tipo").select_option("profissionais")
    # Só versões do catálogo de serviços profissionais ficam à escolha para esse tipo.
    campo_catalogo = pagina.get_by_label("Versão do catálogo")
    expect(campo_catalogo).to_be_visible()
    campo_catalogo.select_option(str(catalogo.pk))
    salvar = pagina.get_by_role("button", name="Salvar item")
    salvar.focus()
    salvar.press("Enter")  # envia pelo teclado

    expect(pagina.get_by_role("heading", name="Item 2 – Apoio especializado")).to_be_visible()
    expect(pagina.get_by_role("heading", name="Serviços profissionais e quantidades mensais")).to_be_visible()
    pagina.locator('select[name="nuvem-0-servico"]').select_option(servico["PROF-UST"])
    quantidade = pagina.locator('input[name="nuvem-0-quantidade"]')
    quantidade.click()
    quantidade.press_sequentially("33,33")  # × 87,33 = 2.910,7089 → 2.910,71
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 2.910,71")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 59.063,09")

    pagina.get_by_role("button", name="Adicionar serviço").click()
    pagina.locator('select[name="nuvem-1-servico"]').select_option(servico["PROF-HORA"])
    pagina.locator('input[name="nuvem-1-quantidade"]').fill("10,5")  # × 150,00 = 1.575,00
    comum.conferir_totais(pagina, item="R$ 4.485,71", mensal="R$ 60.638,09", anual="R$ 727.657,08")
    assert axe(pagina) == []
    comum.sair_e_esperar_o_calculo(pagina, 'input[name="nuvem-1-quantidade"]')
    pagina.set_viewport_size({"width": 390, "height": 844})
    pagina.screenshot(path=tmp_path / "linhas-390.png", full_page=True)
    pagina.set_viewport_size({"width": 1366, "height": 900})
    pagina.get_by_role("button", name="Salvar serviços").click()

    expect(pagina.get_by_text("Serviços profissionais do Item 2 salvos.")).to_be_visible()
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 60.638,09")
    expect(pagina.get_by_test_id("item-2-mensal")).to_have_text("R$ 4.485,71")
    expect(pagina.get_by_role("table", name="Serviços profissionais do Item 2")).to_be_visible()
    assert axe(pagina) == []

    servicos = {"PROF-UST": D("2910.71"), "PROF-HORA": D("1575.00")}
    comum.baixar_e_conferir_anexo_a(
        pagina, tmp_path, servicos=servicos, mensal=D("60638.09"), anual=D("727657.08")
    )
    assert pagina.externas == []
