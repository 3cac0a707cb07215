"""Navegador: o Administrador de referências cria, edita, salva e publica uma versão do mapa no admin."""

import io

import pytest
from django.utils import timezone

from contratos import referencias
from contratos.models import Contratacao, MapaSalarial
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os
from tests.e2e.comum import foto

pytestmark = pytest.mark.e2e


def _mensagem(pagina) -> str:
    return pagina.locator("ul.messagelist").inner_text()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("largura", [1366, 390])
def test_admin_cria_edita_salva_e_publica_nova_versao(
    pagina, live_server, entrar, usuario_admin_ref, orgao, largura
):
    referencias.carregar(saida=io.StringIO())
    semente = MapaSalarial.objects.get(nome_ato=referencias.ATO)
    # Exemplo trabalhado (R$ 56.152,38 por mês), precificado com a versão vigente.
    exemplo = Contratacao.objects.create(
        orgao=orgao, objeto="Operação de infraestrutura", numero_processo="19974.000001/2026-01", mapa=semente
    )
    adicionar_os(exemplo, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    hoje = timezone.localdate()
    pagina.set_viewport_size({"width": largura, "height": 900})
    entrar(pagina, "adminref", SENHA)

    # Abre a versão vigente pela lista do admin.
    pagina.goto(f"{live_server.url}/admin/contratos/mapasalarial/")
    assert "Vigente" in pagina.locator("#result_list").inner_text()
    pagina.get_by_role("link", name=semente.nome_ato).click()
    assert "Versão travada." in pagina.locator("#content").inner_text()
    foto(pagina, f"1-vigente-{largura}")

    pagina.get_by_role("button", name="Nova versão a partir desta").click()
    pagina.wait_for_load_state()
    assert "Rascunho criado a partir de" in _mensagem(pagina)
    rascunho = MapaSalarial.objects.get(origem=semente)
    assert pagina.url.endswith(f"/admin/contratos/mapasalarial/{rascunho.pk}/change/")

    # Dados do ato e a remuneração de uma linha, digitados como no Brasil.
    pagina.get_by_label("Ato:", exact=True).fill("Portaria SGD/MGI nº 9.999/2026")
    pagina.get_by_label("Número do ato:").fill("9.999/2026")
    pagina.get_by_label("Publicação no DOU:").fill(f"{hoje:%d/%m/%Y}")
    linha = pagina.locator("tr.form-row", has=pagina.locator("input[value='ASUPCOMP-02']"))
    remuneracao = linha.locator("input[name$='-remuneracao']")
    assert remuneracao.input_value() == "5.075,52"
    remuneracao.fill("5.200,00")
    foto(pagina, f"2-rascunho-{largura}")
    pagina.get_by_role("button", name="Salvar", exact=True).click()
    pagina.wait_for_load_state()
    assert "foi alterado com sucesso" in _mensagem(pagina)
    rascunho.refresh_from_db()
    assert rascunho.nome_ato == "Portaria SGD/MGI nº 9.999/2026"
    assert str(rascunho.valores.get(codigo="ASUPCOMP-02").remuneracao) == "5200.00"

    # Publicar: a vigência é digitada na página de confirmação, que valida e explica em português.
    pagina.locator("#result_list").get_by_role("link", name="Portaria SGD/MGI nº 9.999/2026").click()
    pagina.get_by_role("link", name="Publicar…").click()
    assert pagina.get_by_role("heading", name="Impacto nas contratações (1)").is_visible()
    impacto = pagina.locator("#impacto tbody tr", has_text="19974.000001/2026-01").inner_text()
    # 2 × (11.024,00 − 10.760,10) = +527,80
    for trecho in ("ORGEX", "R$ 56.152,38", "R$ 56.680,18", "R$ 527,80", "+0,94%"):
        assert trecho in impacto
    campo = pagina.get_by_label("Início da vigência:")
    campo.fill("31/02/2026")
    pagina.get_by_role("button", name="Publicar esta versão").click()
    assert "Data inválida: use o formato dd/mm/aaaa." in pagina.locator("#content").inner_text()
    campo.fill("01/01/2025")
    pagina.get_by_role("button", name="Publicar esta versão").click()
    assert "A vigência deve começar depois de 01/09/2025" in pagina.locator("#content").inner_text()
    assert MapaSalarial.objects.get(pk=rascunho.pk).situacao == "rascunho"
    foto(pagina, f"3-publicar-erro-{largura}")
    campo.fill(f"{hoje:%d/%m/%Y}")
    campo.press("Enter")
    pagina.wait_for_load_state()
    assert "Versão publicada. Situação: Vigente." in _mensagem(pagina)
    foto(pagina, f"4-publicada-{largura}")

    # Uma só vigente; a anterior aparece substituída desde o início da nova.
    pagina.goto(f"{live_server.url}/admin/contratos/mapasalarial/")
    lista = pagina.locator("#result_list tbody")
    assert lista.get_by_text("Vigente", exact=True).count() == 1
    ato_novo = pagina.get_by_role("link", name="Portaria SGD/MGI nº 9.999/2026", exact=True)
    nova = lista.locator("tr", has=ato_novo)
    assert "Vigente" in nova.inner_text()
    antiga = lista.locator("tr", has=pagina.get_by_role("link", name=semente.nome_ato, exact=True))
    assert f"Substituída desde {hoje:%d/%m/%Y}" in antiga.inner_text()
    foto(pagina, f"5-lista-{largura}")
    assert pagina.externas == []
