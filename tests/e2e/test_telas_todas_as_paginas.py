"""Todas as páginas do app (tests/e2e/paginas.py), num navegador e num servidor só:
- axe (WCAG 2.1 A/AA): 0 violações, no contraste normal e no alto, com os formulários vazios e com erros;
- celular (390 px): nenhuma página rola de lado (`scrollWidth <= innerWidth`)."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from contratos.models import Contratacao
from contratos.services import mapa_nova_versao, mapa_publicar
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os
from tests.contratos.test_profissionais import criar_catalogo_profissional, item_profissional
from tests.e2e.paginas import FORMULARIOS, paginas_do_app
from tests.test_todas_as_paginas_exigem_permissao import exemplos  # noqa: F401 (fixture)

TELAS = os.environ.get("TELAS_SAIDA", "")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALTO = "window.localStorage.setItem('planejatic-contraste', 'alto')"
# Apaga os campos de texto do formulário principal e o envia sem a validação do navegador: erros do servidor.
ENVIAR_VAZIO = """() => {
    const botao = document.querySelector('main form[method=post] button[type=submit].primary')
        || document.querySelector('main form[method=post] button[type=submit]');
    const form = botao.form;
    form.noValidate = true;
    form.querySelectorAll('input[type=text], input[type=number], input:not([type]), textarea').forEach(
        c => { if (!c.readOnly && c.type !== 'hidden') c.value = ''; });
    botao.click();
}"""
# Quem passa da borda direita sem estar dentro de uma caixa que rola ou corta: quem alarga a página.
PASSAM_DA_BORDA = """() => [...document.querySelectorAll('body *')].filter(e => {
        if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') return false;
        return true;
    }).slice(0, 4).map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""


@pytest.fixture
def paginas(exemplos, superusuario, orgao):  # noqa: F811
    contratacao, mapa = exemplos["contratacao"], exemplos["mapa"]
    exemplos["nuvem"] = item_profissional(contratacao, criar_catalogo_profissional(), numero=2)
    # mais contratações na lista e uma versão nova do mapa para comparar
    for n, linhas in enumerate(([("GERINF", 1, None, "")], [("ASUPCOMP-02", 3, "2.50", "Plantão 24x7")]), 2):
        outra = Contratacao.objects.create(
            orgao=orgao,
            objeto=f"Sustentação de sistemas e atendimento a usuários de TIC, lote {n}",
            numero_processo=f"19974.00000{n}/2026-01",
            mapa=mapa,
        )
        adicionar_os(outra, linhas)
    nova = mapa_nova_versao(origem=mapa)
    nova.valores.filter(codigo="GERINF").update(remuneracao=Decimal("18000.00"))
    mapa_publicar(mapa=nova, data_vigencia=mapa.data_vigencia + timedelta(days=365))
    paginas = paginas_do_app(exemplos, superusuario)
    paginas["contratos:item_nuvem"] = reverse("contratos:item_nuvem", kwargs={"pk": exemplos["nuvem"].pk})
    paginas["contratos:mapa_comparar (resultado)"] = (
        f"{reverse('contratos:mapa_comparar')}?anterior={mapa.pk}&atual={nova.pk}"
    )
    return paginas


def _abrir(navegador, live_server, *, largura, alto_contraste):
    contexto = navegador.new_context(locale="pt-BR", viewport={"width": largura, "height": 900})
    if alto_contraste:
        contexto.add_init_script(ALTO)
    pagina = contexto.new_page()
    pagina.set_default_timeout(15000)
    pagina.goto(f"{live_server.url}/entrar/")
    pagina.get_by_label("Usuário").fill("super")
    pagina.get_by_label("Senha").fill(SENHA)
    pagina.get_by_role("button", name="Entrar").click()
    pagina.wait_for_load_state("networkidle")
    return contexto, pagina


@pytest.mark.parametrize("alto_contraste", [False, True], ids=["normal", "alto-contraste"])
def test_axe_sem_violacoes_em_todas_as_paginas(navegador, live_server, paginas, axe, alto_contraste):
    assert len(paginas) >= 45, sorted(paginas)
    contexto, pagina = _abrir(navegador, live_server, largura=1366, alto_contraste=alto_contraste)
    violacoes = {}
    for nome, endereco in paginas.items():
        pagina.goto(f"{live_server.url}{endereco}")
        if encontradas := axe(pagina):
            violacoes[endereco] = encontradas
        if nome in FORMULARIOS:
            with pagina.expect_navigation():
                pagina.evaluate(ENVIAR_VAZIO)
            if encontradas := axe(pagina):
                violacoes[f"{endereco} (com erros)"] = encontradas
    contexto.close()
    assert violacoes == {}, "\n".join(f"{u}: {v}" for u, v in violacoes.items())


def test_nenhuma_pagina_rola_de_lado_no_celular(navegador, live_server, paginas):
    contexto, pagina = _abrir(navegador, live_server, largura=390, alto_contraste=False)
    largas = {}
    for endereco in paginas.values():
        pagina.goto(f"{live_server.url}{endereco}")
        rolagem, janela = pagina.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if rolagem > janela:
            largas[endereco] = (rolagem, pagina.evaluate(PASSAM_DA_BORDA))
    contexto.close()
    assert largas == {}, f"páginas mais largas que a tela (390 px): {largas}"


# As páginas principais das screenshots (scripts/telas.py): nome do arquivo → rota.
PRINCIPAIS = {
    "painel": "painel",
    "contratacoes": "contratos:contratacao_lista",
    "contratacao": "contratos:contratacao_detalhe",
    "contratacao-editar": "contratos:contratacao_editar",
    "os": "contratos:os_editar",
    "mapa-salarial": "contratos:mapa",
    "mapa-comparar": "contratos:mapa_comparar (resultado)",
    "cronograma": "acordo:cronograma",
    "linha-do-tempo": "acordo:linha_do_tempo",
    "catalogo-nuvem": "catalogo:vigente",
}


ALTURA_MAXIMA = 2400


@pytest.mark.skipif(not TELAS, reason="só pelo scripts/telas.py (TELAS_SAIDA=pasta das screenshots)")
def test_screenshots_das_paginas_principais(navegador, live_server, paginas):
    saida = Path(TELAS)
    saida.mkdir(parents=True, exist_ok=True)
    for largura in (1366, 390):
        for alto_contraste in (False, True):
            contexto, pagina = _abrir(navegador, live_server, largura=largura, alto_contraste=alto_contraste)
            for arquivo, nome in PRINCIPAIS.items():
                pagina.goto(f"{live_server.url}{paginas[nome]}")
                modo = "alto-contraste" if alto_contraste else "normal"
                # a página inteira até 2.400 px de altura (o cronograma tem 4.500): o começo é o que se vê
                altura = min(pagina.evaluate("document.documentElement.scrollHeight"), ALTURA_MAXIMA)
                pagina.screenshot(
                    path=saida / f"{arquivo}-{largura}-{modo}.png",
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": largura, "height": altura},
                )
            contexto.close()


# As tabelas que se leem como planilha cabem inteiras a 1366 px (sem rolar na caixa).
TABELAS_1366 = (
    "contratos:contratacao_lista",
    "contratos:mapa",
    "contratos:mapa_comparar (resultado)",
    "acordo:cronograma",
)
LARGURAS = """() => [...document.querySelectorAll('main .tabela-rolavel, main .rolagem-mapa')].map(c => ({
    rotulo: c.getAttribute('aria-label'), caixa: c.clientWidth, tabela: c.scrollWidth}))"""


def test_tabelas_cabem_em_1366(navegador, live_server, paginas):
    contexto, pagina = _abrir(navegador, live_server, largura=1366, alto_contraste=False)
    cortadas = {}
    for nome in TABELAS_1366:
        pagina.goto(f"{live_server.url}{paginas[nome]}")
        for caixa in pagina.evaluate(LARGURAS):
            if caixa["tabela"] > caixa["caixa"]:
                cortadas.setdefault(nome, []).append(caixa)
    contexto.close()
    assert cortadas == {}


# Cada marcador (e cada item da legenda) tem o seu sinal, que se vê sobre o marcador (cores diferentes);
# cada tag de situação tem texto e um ícone que muda com a situação.
SINAIS = """() => [...document.querySelectorAll('svg path.glifo-traco')].map(g => ({
    situacao: g.dataset.situacao, forma: g.getAttribute('d'),
    fundo: getComputedStyle(g.previousElementSibling).fill, traco: getComputedStyle(g).stroke}))"""
TAGS = """() => [...document.querySelectorAll('main .br-tag')].map(t => ({
    classe: [...t.classList].filter(c => c !== 'br-tag' && c !== 'situacao').join(' '),
    texto: t.textContent.trim(), icone: getComputedStyle(t, '::before').content}))"""


def test_alto_contraste_distingue_as_situacoes(navegador, live_server, paginas):
    contexto, pagina = _abrir(navegador, live_server, largura=1366, alto_contraste=True)
    pagina.goto(f"{live_server.url}{paginas['acordo:linha_do_tempo']}")
    assert pagina.evaluate("document.documentElement.classList.contains('alto-contraste')")
    sinais = pagina.evaluate(SINAIS)
    formas = {s["situacao"]: s["forma"] for s in sinais}
    assert set(formas) == {"pendente", "atrasada", "concluida", "concluida_com_atraso"}
    assert len(set(formas.values())) == 4, "cada situação com o seu sinal"
    assert all(s["traco"] != s["fundo"] for s in sinais), "o sinal some sobre o marcador"
    legenda = pagina.get_by_role("list", name="Legenda").inner_text()
    assert all(r in legenda for r in ("A vencer", "Atrasada", "Concluída")), legenda
    icones = {}
    for nome in ("acordo:cronograma", "contratos:contratacao_lista", "contratos:mapa", "catalogo:inicio"):
        pagina.goto(f"{live_server.url}{paginas[nome]}")
        for tag in pagina.evaluate(TAGS):
            assert tag["texto"] and tag["icone"] not in ("none", "normal", ""), tag
            icones.setdefault(tag["classe"], set()).add(tag["icone"])
    contexto.close()
    assert {"situacao-atrasada", "situacao-concluida", "contratacao-rascunho"} <= set(icones), icones
    assert icones["situacao-atrasada"] != icones["situacao-concluida"]
