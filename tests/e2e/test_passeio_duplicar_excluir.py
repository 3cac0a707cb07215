"""Navegador: a equipe duplica uma contratação (a cópia vem marcada "Cópia de …") e exclui a cópia lendo na
pergunta o objeto e os valores que vão sair (issue 15, item 6)."""

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.e2e.comum import contratacao_do_exemplo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_duplicar_e_excluir_a_copia(pagina, live_server, entrar, axe, usuario_equipe, orgao):
    original = contratacao_do_exemplo(
        orgao, objeto="Sustentação da sede", numero_processo="19974.000777/2026-01"
    )
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{original.get_absolute_url()}")
    perguntas = []
    pagina.on("dialog", lambda d: (perguntas.append(d.message), d.accept()))

    pagina.get_by_role("button", name="Duplicar").click()
    expect(pagina.get_by_text("Cópia criada como rascunho")).to_be_visible()
    expect(pagina.get_by_text("Cópia de Sustentação da sede")).to_be_visible()
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.152,38")
    copia = Contratacao.objects.exclude(pk=original.pk).get()
    assert pagina.url.endswith(copia.get_absolute_url())

    # Na lista, original e cópia não se confundem.
    pagina.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Contratações").click()
    expect(pagina.get_by_text("Cópia de Sustentação da sede")).to_have_count(1)
    expect(pagina.get_by_text("Sustentação da sede", exact=True)).to_have_count(1)

    pagina.goto(f"{live_server.url}{copia.get_absolute_url()}")
    pagina.get_by_role("button", name="Excluir", exact=True).click()
    expect(pagina.get_by_text("Contratação excluída.")).to_be_visible()
    assert perguntas[-1] == (
        "Excluir a contratação 19974.000777/2026-01 – Cópia de Sustentação da sede? "
        "Com ela saem 1 item e 1 OS, valor mensal R$ 56.152,38 e anual R$ 673.828,56. "
        "Não há como desfazer."
    )
    assert list(Contratacao.objects.values_list("pk", flat=True)) == [original.pk]
    assert axe(pagina) == []
