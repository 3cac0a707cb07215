"""Passeio extra: a equipe percorre pelo menu, num celular (390 px), as páginas do dia a dia (painel, lista e
detalhe da contratação, OS, mapa, catálogos, ACT, cronograma); nenhuma rola a página inteira de lado."""

import io
import os

import pytest

from acordo import referencias as referencias_acordo
from catalogo import referencias as referencias_catalogo
from contratos.models import Contratacao, OrdemServico
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = os.environ.get("FOTOS_E2E", "")
# Os elementos que passam da borda direita, para a mensagem de falha dizer quem alarga a página.
PASSAM_DA_BORDA = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""


def test_paginas_do_menu_cabem_no_celular(pagina, live_server, entrar, usuario_equipe, orgao):
    referencias_acordo.carregar(saida=io.StringIO())
    referencias_catalogo.carregar(saida=io.StringIO())
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Operação de infraestrutura", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    ordem = OrdemServico.objects.get()
    pagina.set_viewport_size({"width": 390, "height": 844})
    entrar(pagina, "equipe", SENHA)

    pagina.get_by_role("button", name="Menu").click()  # no celular o menu fica recolhido atrás do botão
    menu = pagina.get_by_role("navigation", name="Menu principal")
    rotulos = [r.strip() for r in menu.get_by_role("link").all_inner_texts()]
    enderecos = [menu.get_by_role("link", name=r, exact=True).get_attribute("href") for r in rotulos]
    enderecos += [
        contratacao.get_absolute_url(),
        f"/contratos/os/{ordem.pk}/",
        f"/contratos/contratacoes/{contratacao.pk}/editar/",
        "/acordo/linha-do-tempo/",
    ]
    largas = {}
    for n, endereco in enumerate(enderecos):
        pagina.goto(f"{live_server.url}{endereco}")
        pagina.wait_for_load_state("networkidle")
        rolagem, janela = pagina.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if FOTOS:
            pagina.screenshot(path=f"{FOTOS}/extra-390-{n:02d}.png", full_page=True)
        if rolagem > janela:
            largas[endereco] = (rolagem, pagina.evaluate(PASSAM_DA_BORDA))
    assert len(enderecos) >= 10
    assert largas == {}, f"páginas mais largas que a tela (390 px): {largas}"
