"""Passeio 3: a equipe cria uma contratação só pelo teclado (Tab, digitação, Enter) com objeto vazio,
processo inválido e 0 meses; cada mensagem aparece junto do seu campo e nada é gravado; corrigidos, salva."""

import os

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = os.environ.get("FOTOS_E2E", "")


def _foto(pagina, nome):
    if FOTOS:
        pagina.screenshot(path=f"{FOTOS}/{nome}.png", full_page=True)


def _tab_ate(pagina, alvo, limite=60):
    for _ in range(limite):
        pagina.keyboard.press("Tab")
        if alvo.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("o Tab não chegou ao campo")


def _processo_e_meses_pelo_teclado(pagina, processo, numero: str, meses, quantos: str):
    """Do campo em foco, Tab até o processo e até os meses, troca o texto de cada um e envia com Enter."""
    for campo, texto in ((processo, numero), (meses, quantos)):
        _tab_ate(pagina, campo)
        pagina.keyboard.press("Control+A")
        pagina.keyboard.type(texto)
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")


def test_contratacao_com_erros_pelo_teclado_depois_corrigida(
    pagina, live_server, entrar, usuario_equipe, orgao
):
    criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}/contratos/contratacoes/nova/")

    objeto = pagina.get_by_label("Objeto")
    processo = pagina.get_by_label("Nº do processo (SEI/NUP)")
    meses = pagina.get_by_label("Meses de vigência estimada")
    _tab_ate(pagina, objeto)  # objeto fica vazio
    _processo_e_meses_pelo_teclado(pagina, processo, "processo 12", meses, "0")

    for campo, trecho in (
        ("div_id_objeto", "obrigatório"),
        ("div_id_numero_processo", "NUP"),
        ("div_id_meses", "Informe ao menos 1 mês"),
    ):
        erro = pagina.locator(f"#{campo} .feedback.danger")
        expect(erro).to_have_count(1)
        expect(erro).to_contain_text(trecho)
    expect(processo).to_have_value("processo 12")
    _foto(pagina, "3-form-erros-1366")
    assert Contratacao.objects.count() == 0

    # Corrige pelo teclado, a partir do campo com erro.
    objeto.focus()
    pagina.keyboard.type("Operação de infraestrutura e atendimento")
    _processo_e_meses_pelo_teclado(pagina, processo, "19974.000123/2026-01", meses, "24")

    contratacao = Contratacao.objects.get()
    assert (contratacao.objeto, contratacao.numero_processo, contratacao.meses) == (
        "Operação de infraestrutura e atendimento",
        "19974.000123/2026-01",
        24,
    )
    assert pagina.url == f"{live_server.url}{contratacao.get_absolute_url()}"
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Contratação 19974.000123/2026-01")
    _foto(pagina, "3-form-salvo-1366")
