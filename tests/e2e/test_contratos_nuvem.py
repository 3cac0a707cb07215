"""Navegador: a equipe inclui um item de serviços de nuvem, vê os totais mudarem ao vivo e baixa o Anexo A."""

from decimal import Decimal as D

import openpyxl
import pytest
from playwright.sync_api import expect

from contratos.anexo_a import ABA_ANEXO
from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.contratos.test_nuvem import criar_catalogo
from tests.planilhas import recalcular


def _reais(valor):
    assert isinstance(valor, int | float), f"esperava número calculado, veio {valor!r}"
    return D(repr(valor)).quantize(D("0.01"))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_inclui_item_de_nuvem_e_exporta(
    pagina, live_server, entrar, axe, usuario_equipe, orgao, tmp_path
):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Nuvem e sustentação", numero_processo="19974.000777/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])  # 56.152,38
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
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 223,44")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.375,82")
    expect(pagina.get_by_test_id("total-anual")).to_have_text("R$ 676.509,84")
    assert axe(pagina) == []
    # O "change" ao sair do campo dispara mais um cálculo; o servidor de teste (SQLite em memória) divide
    # uma só conexão entre as threads, então esperamos esse pedido terminar antes de salvar.
    pagina.locator('input[name="nuvem-1-quantidade"]').blur()
    pagina.wait_for_load_state("networkidle")
    pagina.get_by_role("button", name="Salvar serviços").click()

    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.375,82")
    expect(pagina.get_by_test_id("item-2-mensal")).to_have_text("R$ 223,44")
    assert axe(pagina) == []

    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Exportar Anexo A (XLSX)").click()
    arquivo = tmp_path / download.value.suggested_filename
    download.value.save_as(arquivo)
    formulas = openpyxl.load_workbook(arquivo)[ABA_ANEXO]
    rodadas = [c.row for c in formulas["B"] if c.value in ("VM-VCPU", "BD-HORA")]
    assert [formulas[f"I{r}"].value for r in rodadas] == [f"=ROUND(E{r}*F{r},2)" for r in rodadas]

    recalculada = recalcular(arquivo.read_bytes()).valores[ABA_ANEXO]
    assert [_reais(recalculada[f"I{r}"].value) for r in rodadas] == [D("180.23"), D("43.21")]
    assert (_reais(recalculada["I2"].value), _reais(recalculada["I3"].value)) == (
        D("56375.82"),
        D("676509.84"),
    )
    assert pagina.externas == []
