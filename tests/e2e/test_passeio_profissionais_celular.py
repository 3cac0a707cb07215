"""Passeio 4: um item de serviços profissionais num celular (390 px): a página não rola de lado (só a tabela,
dentro do seu contêiner); em alto contraste (botão do cabeçalho) os totais e o motivo de uma linha fora do
total continuam legíveis. O mesmo vale para o detalhe da contratação com o item."""

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.contratos.test_profissionais import criar_catalogo_profissional, item_profissional
from tests.e2e.comum import FOTOS, foto

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# Razão de contraste WCAG entre a cor do texto e a do primeiro fundo opaco atrás dele.
CONTRASTE = """e => {
    const rgb = c => (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let fundo = e, cor;
    while (fundo) {
        cor = rgb(getComputedStyle(fundo).backgroundColor);
        if (cor.length < 4 || cor[3] > 0) break;
        fundo = fundo.parentElement;
    }
    const a = lum(rgb(getComputedStyle(e).color)), b = fundo ? lum(cor) : 1;
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def _sem_rolagem_lateral(pagina):
    largura = pagina.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert largura[0] <= largura[1], f"a página rola de lado: {largura}"


def test_item_profissional_no_celular_e_em_alto_contraste(pagina, live_server, entrar, usuario_equipe, orgao):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Sustentação e apoio", numero_processo="19974.000888/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])  # 56.152,38
    item = item_profissional(contratacao, criar_catalogo_profissional(), numero=2)  # 16.831,38
    pagina.set_viewport_size({"width": 390, "height": 844})
    entrar(pagina, "equipe", SENHA)

    pagina.goto(f"{live_server.url}/contratos/itens/{item.pk}/nuvem/")
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 16.831,38")
    # Uma linha que fica fora do total: quantidade apagada.
    quantidade = pagina.locator('input[name="nuvem-0-quantidade"]')
    quantidade.click()
    quantidade.fill("")
    motivo = pagina.get_by_test_id("motivo-linha").first
    expect(motivo).not_to_be_empty()
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 15.256,38")  # sem as 10,5 horas
    expect(pagina.get_by_test_id("linhas-fora")).to_be_visible()
    _sem_rolagem_lateral(pagina)
    tabela = pagina.locator(".tabela-rolavel")
    assert tabela.evaluate("e => e.scrollWidth > e.clientWidth"), "a tabela deveria rolar no seu contêiner"
    foto(pagina, "4-profissionais-390")

    pagina.locator("#alternar-contraste").click()
    assert pagina.evaluate("document.documentElement.classList.contains('alto-contraste')")
    for alvo in (
        pagina.get_by_test_id("total-item"),
        pagina.get_by_test_id("total-mensal"),
        pagina.get_by_test_id("linhas-fora"),
        motivo.locator(".feedback"),
    ):
        expect(alvo).to_be_visible()
        assert alvo.evaluate(CONTRASTE) >= 7, alvo
    _sem_rolagem_lateral(pagina)
    foto(pagina, "4-profissionais-390-alto-contraste")

    # O detalhe da contratação, com o item, no mesmo celular e ainda em alto contraste.
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 72.983,76")
    _sem_rolagem_lateral(pagina)
    assert pagina.get_by_test_id("total-mensal").evaluate(CONTRASTE) >= 7
    # Os rótulos do gráfico não encolhem até ficar ilegíveis (rolam dentro da caixa) e o código do serviço
    # não se parte no hífen.
    rotulo = pagina.locator(".grafico-perfis .rotulo").first.bounding_box()
    assert rotulo["height"] >= 12, rotulo
    codigo = pagina.locator("#item-2 code", has_text="PROF-HORA")
    linhas = "e => { const r = new Range(); r.selectNodeContents(e); return r.getClientRects().length }"
    assert codigo.evaluate(linhas) == 1
    foto(pagina, "4-detalhe-390-alto-contraste")
    if FOTOS:  # recortes legíveis da página longa
        pagina.locator('section[aria-labelledby="titulo-totais"]').screenshot(
            path=f"{FOTOS}/4-detalhe-totais.png"
        )
        pagina.locator("#item-2").screenshot(path=f"{FOTOS}/4-detalhe-item2.png")
