"""Passeio 7: o Acompanhamento do ACT tenta concluir uma ocorrência do cronograma com data no futuro e link
inválido (mensagens junto dos campos, nada gravado), corrige e conclui; a ocorrência aparece concluída."""

import io
import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acordo import referencias
from acordo.models import Ocorrencia
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = os.environ.get("FOTOS_E2E", "")


def _foto(pagina, nome):
    if FOTOS:
        pagina.screenshot(path=f"{FOTOS}/{nome}.png", full_page=True)


def test_conclusao_com_data_futura_e_link_ruim_depois_certa(
    pagina, live_server, entrar, usuario_acompanhamento
):
    referencias.carregar(saida=io.StringIO())
    alvo = Ocorrencia.objects.get(acao__ordem=6, ordinal=3)  # monitoramento mensal, já vencido
    hoje = timezone.localdate()
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "acompanha", SENHA)

    # Pelo cronograma, como uma pessoa chega à ocorrência.
    pagina.goto(f"{live_server.url}/acordo/cronograma/?situacao=atrasada")
    pagina.locator(f'tr[data-ocorrencia="{alvo.pk}"]').get_by_role("link").first.click()
    pagina.wait_for_load_state()
    assert pagina.url.endswith(alvo.get_absolute_url())

    pagina.get_by_label("Data de conclusão").fill(f"{hoje + timedelta(days=1):%Y-%m-%d}")
    pagina.get_by_label("Link da evidência").fill("pasta compartilhada da SGD")
    pagina.get_by_role("button", name="Concluir ocorrência").click()
    pagina.wait_for_load_state()
    expect(pagina.locator("#div_id_data_conclusao .feedback.danger")).to_have_text(
        "A data de conclusão não pode estar no futuro."
    )
    expect(pagina.locator("#div_id_link .feedback.danger")).to_contain_text("URL válida")
    # Quem digitou um link não é acusado de não ter informado evidência: o erro está no link.
    expect(pagina.locator("#div_id_numero_sei .feedback.danger")).to_have_count(0)
    _foto(pagina, "7-ocorrencia-erros-1366")
    alvo.refresh_from_db()
    assert alvo.data_conclusao is None

    pagina.get_by_label("Data de conclusão").fill(f"{hoje:%Y-%m-%d}")
    pagina.get_by_label("Link da evidência").fill(
        "https://www.gov.br/governodigital/relatorio-fevereiro-2025"
    )
    pagina.get_by_role("button", name="Concluir ocorrência").click()
    pagina.wait_for_load_state()
    expect(pagina.locator(".mensagens")).to_contain_text("Ocorrência concluída")
    expect(pagina.get_by_test_id("situacao")).to_contain_text("Concluída com atraso")
    _foto(pagina, "7-ocorrencia-concluida-1366")
    alvo.refresh_from_db()
    assert alvo.data_conclusao == hoje
    assert alvo.link == "https://www.gov.br/governodigital/relatorio-fevereiro-2025"

    pagina.goto(f"{live_server.url}/acordo/cronograma/?situacao=atrasada")
    expect(pagina.locator(f'tr[data-ocorrencia="{alvo.pk}"]')).to_have_count(0)
    assert pagina.externas == []
