"""Navegador: uma pessoa da equipe abre os catálogos, vê os serviços de exemplo com níveis de serviço e o
aviso de valores ilustrativos; o axe não encontra violações."""

import io

import pytest

from catalogo import referencias
from catalogo.models import VersaoCatalogo
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exemplo(db):
    referencias.carregar(saida=io.StringIO())


def test_equipe_consulta_catalogos_de_exemplo(pagina, live_server, entrar, axe, usuario_equipe, exemplo):
    entrar(pagina, "equipe", SENHA)
    pagina.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Catálogos SERPRO"
    ).click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_role("heading", name="Catálogos SERPRO", level=1).is_visible()
    assert axe(pagina) == [], "início dos catálogos"

    pagina.get_by_role("link", name="Ver catálogo vigente").first.click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.locator(".aviso-ilustrativo").is_visible()
    assert "Valores ilustrativos" in pagina.locator(".aviso-ilustrativo").inner_text()
    linha = pagina.locator("tr", has=pagina.locator("code", has_text="CMP-VCPU"))
    assert "R$ 0,0412" in linha.inner_text() and "vCPU/hora" in linha.inner_text()
    # nível de serviço: o resumo aparece; os detalhes abrem pelo teclado
    resumo = linha.locator("summary")
    assert "Disponibilidade mensal" in resumo.inner_text()
    resumo.focus()
    pagina.keyboard.press("Enter")
    assert linha.get_by_text("Forma de medição").is_visible()
    assert axe(pagina) == [], "catálogo de nuvem vigente"

    # filtro por categoria e busca
    pagina.get_by_label("Categoria").select_option(label="Segurança")
    pagina.get_by_role("button", name="Filtrar").click()
    pagina.wait_for_load_state("networkidle")
    codigos = pagina.locator("table code").all_inner_texts()
    assert "SEG-WAF" in codigos and "CMP-VCPU" not in codigos

    # serviços profissionais e comparação
    pagina.goto(f"{live_server.url}/catalogo/profissionais/")
    assert pagina.locator(".aviso-ilustrativo").is_visible()
    assert "SP-SUST" in pagina.locator("table").inner_text()
    assert axe(pagina) == [], "catálogo de serviços profissionais"

    nuvem = VersaoCatalogo.objects.get(tipo="nuvem")
    pagina.goto(f"{live_server.url}{nuvem.get_absolute_url()}")
    assert axe(pagina) == [], "detalhe da versão"
    pagina.goto(f"{live_server.url}/catalogo/comparar/?base={nuvem.pk}&nova={nuvem.pk}")
    assert "Escolha duas versões diferentes" in pagina.content()
    assert axe(pagina) == [], "comparação"
    assert pagina.externas == []
