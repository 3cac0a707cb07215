"""Navegador: páginas do mapa salarial acessíveis (axe), sem requisições externas e usáveis pelo teclado."""

import io
from datetime import date
from decimal import Decimal

import pytest

from contratos import referencias
from contratos.models import MapaSalarial
from contratos.services import mapa_nova_versao, mapa_publicar
from tests.conftest import SENHA


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_mapa_e_comparacao_sem_violacoes(pagina, live_server, entrar, axe, usuario_consulta):
    referencias.carregar(saida=io.StringIO())
    semente = MapaSalarial.objects.get(nome_ato=referencias.ATO)
    nova = mapa_nova_versao(origem=semente)
    nova.valores.filter(codigo="GERINF").update(remuneracao=Decimal("18000.00"))
    nova.valores.filter(codigo="CLOUD-02").delete()
    nova.data_vigencia = date(2026, 9, 1)
    nova.save()
    mapa_publicar(mapa=nova)
    entrar(pagina, "consulta", SENHA)

    pagina.goto(f"{live_server.url}/contratos/mapa-salarial/?versao={semente.pk}")
    assert pagina.get_by_role("heading", name="Mapa de Pesquisa Salarial de Referência").is_visible()
    linha = pagina.locator("tr", has=pagina.locator("code", has_text="ASUPCOMP-02"))
    assert "R$ 10.760,10" in linha.inner_text()
    assert axe(pagina) == []

    # Filtro pelo teclado: escolhe a família e envia com Enter.
    pagina.locator("#id_familia").select_option("GERINF")
    pagina.locator("#id_busca").focus()
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")
    assert pagina.locator("tbody tr").count() == 1
    assert "R$ 34.632,18" in pagina.locator("tbody").inner_text()

    pagina.goto(f"{live_server.url}/contratos/mapa-salarial/comparar/")
    assert axe(pagina) == []
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Comparar").click()
    assert "+0,83%" in pagina.locator("#titulo-alterados + div").inner_text()  # GERINF 17.851,64 → 18.000,00
    assert "CLOUD-02" in pagina.locator("section", has=pagina.locator("#titulo-excluidos")).inner_text()
    assert axe(pagina) == []
    assert pagina.externas == []
