"""Navegador: a equipe inclui um item de serviços de nuvem, vê os totais mudarem ao vivo e baixa o Anexo A."""

from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from tests.conftest import SENHA
from tests.contratos.test_nuvem import criar_catalogo
from tests.e2e import comum


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_inclui_item_de_nuvem_e_exporta(
    pagina, live_server, entrar, axe, usuario_equipe, orgao, tmp_path
):
    contratacao = comum.contratacao_do_exemplo(
        orgao, objeto="Nuvem e sustentação", numero_processo="19974.000777/2026-01"
    )
    catalogo = criar_catalogo(ilustrativo=True)
    servico = {s.codigo: str(s.pk) for s in catalogo.servicos_nuvem.all()}

    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.152,38")
    pagina.get_by_role("link", name="Novo item").click()
    pagina.get_by_label("Descrição").fill("Nuvem de governo")
    pagina.get_by_label("Tipo").select_option("nuvem")
    pagina.get_by_label("Versão do catálogo de nuvem").select_option(str(catalogo.pk))
    pagina.get_by_role("button", name="Salvar item").click()

    # Página das linhas de nuvem: aviso de valores ilustrativos e totais do servidor a cada alteração.
    expect(pagina.get_by_role("heading", name="Item 2 – Nuvem de governo")).to_be_visible()
    expect(pagina.get_by_text("Valores ilustrativos.")).to_be_visible()
    pagina.locator('select[name="nuvem-0-servico"]').select_option(servico["VM-VCPU"])
    pagina.locator('input[name="nuvem-0-quantidade"]').fill("1460,5")  # × 0,1234 = 180,2257 → 180,23
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 180,23")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.332,61")

    pagina.get_by_role("button", name="Adicionar serviço").click()
    pagina.locator('select[name="nuvem-1-servico"]').select_option(servico["BD-HORA"])
    pagina.locator('input[name="nuvem-1-quantidade"]').fill("3,5")  # × 12,3450 = 43,2075 → 43,21
    comum.conferir_totais(pagina, item="R$ 223,44", mensal="R$ 56.375,82", anual="R$ 676.509,84")
    assert axe(pagina) == []
    comum.sair_e_esperar_o_calculo(pagina, 'input[name="nuvem-1-quantidade"]')
    pagina.get_by_role("button", name="Salvar serviços").click()

    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.375,82")
    expect(pagina.get_by_test_id("item-2-mensal")).to_have_text("R$ 223,44")
    assert axe(pagina) == []

    servicos = {"VM-VCPU": D("180.23"), "BD-HORA": D("43.21")}
    comum.baixar_e_conferir_anexo_a(
        pagina, tmp_path, servicos=servicos, mensal=D("56375.82"), anual=D("676509.84")
    )
    assert pagina.externas == []
