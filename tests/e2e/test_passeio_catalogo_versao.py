"""Passeio 5: o Administrador de referências, no admin dos catálogos, cria uma "nova versão" a partir da
vigente, preenche aprovação e SEI, envia para análise e aprova com início de vigência no futuro; a página
pública dos catálogos continua mostrando a atual como vigente e a nova como "a partir de dd/mm/aaaa"."""

import io
import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalogo import exemplo, referencias
from catalogo.models import VersaoCatalogo
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = os.environ.get("FOTOS_E2E", "")
NUVEM = VersaoCatalogo.Tipo.NUVEM.label


def _foto(pagina, nome):
    if FOTOS:
        pagina.screenshot(path=f"{FOTOS}/{nome}.png", full_page=True)


def _acao(pagina, versao, rotulo):
    """Marca a linha da versão de nuvem na lista do admin e executa a ação escolhida."""
    linha = pagina.locator("#result_list tbody tr", has_text=versao).filter(has_text=NUVEM)
    linha.locator("input.action-select").check()
    pagina.get_by_role("combobox", name="Ação").select_option(label=rotulo)
    pagina.get_by_role("button", name="Ir").click()
    pagina.wait_for_load_state()


def test_admin_cria_e_aprova_versao_futura_do_catalogo(pagina, live_server, entrar, usuario_admin_ref):
    referencias.carregar(saida=io.StringIO())
    vigente = VersaoCatalogo.objects.get(tipo="nuvem", versao=exemplo.VERSAO_EXEMPLO)
    hoje = timezone.localdate()
    inicio = hoje + timedelta(days=30)
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "adminref", SENHA)

    pagina.goto(f"{live_server.url}/admin/catalogo/versaocatalogo/")
    _acao(pagina, exemplo.VERSAO_EXEMPLO, "Nova versão a partir desta (cria um rascunho)")
    pagina.get_by_label("Rótulo da nova versão").fill("2026.1")
    pagina.get_by_label("Início da vigência (dd/mm/aaaa)").fill(f"{inicio:%d/%m/%Y}")
    _foto(pagina, "5-nova-versao-1366")
    pagina.get_by_role("button", name="Criar rascunho").click()
    pagina.wait_for_load_state()
    nova = VersaoCatalogo.objects.get(versao="2026.1")
    assert nova.origem == vigente and nova.servicos_nuvem.count() == vigente.servicos_nuvem.count()
    expect(pagina.locator("ul.messagelist")).to_contain_text(
        f"Rascunho 2026.1 criado a partir de {vigente.versao}"
    )

    # Dados da aprovação, digitados no rascunho.
    pagina.get_by_label("Data de aprovação").fill(f"{hoje:%d/%m/%Y}")
    pagina.get_by_label("Referência SEI").fill("SEI 19974.000999/2026-01")
    pagina.get_by_role("button", name="Salvar", exact=True).click()
    pagina.wait_for_load_state()
    expect(pagina.locator("ul.messagelist")).to_contain_text("foi alterado com sucesso")

    _acao(pagina, "2026.1", "Enviar para análise pela SGD")
    expect(pagina.locator("ul.messagelist")).to_contain_text("2026.1: situação agora é “Em análise pela SGD”")
    _acao(pagina, "2026.1", "Aprovar (usa a data de aprovação e a referência SEI preenchidas)")
    expect(pagina.locator("ul.messagelist")).to_contain_text("2026.1: situação agora é “Aprovado”")
    lista = pagina.locator("#result_list")
    expect(lista.locator("tr", has_text="2026.1")).to_contain_text(f"Aprovada, a partir de {inicio:%d/%m/%Y}")
    _foto(pagina, "5-admin-lista-1366")

    # Página pública: a atual segue vigente; a nova aparece com a data em que passa a valer.
    pagina.goto(f"{live_server.url}/catalogo/")
    cartao_nuvem = pagina.locator("section, article, div.cartao", has_text=NUVEM).first
    expect(cartao_nuvem).to_contain_text(f"Versão vigente: {vigente.versao}")
    versoes = pagina.locator("table", has_text="2026.1")
    expect(versoes.locator("tr", has_text="2026.1")).to_contain_text(f"a partir de {inicio:%d/%m/%Y}")
    expect(versoes.locator("tr", has_text=vigente.versao).filter(has_text=NUVEM)).to_contain_text("Vigente")
    _foto(pagina, "5-catalogo-publico-1366")
    pagina.goto(f"{live_server.url}/catalogo/nuvem/")
    expect(pagina.get_by_role("heading", name=f"Versão {vigente.versao}", exact=False)).to_be_visible()
    assert pagina.externas == []
