"""Navegador: a equipe exclui a primeira OS (confirmando a pergunta) e pede uma nova; o número proposto é o
maior do ano + 1, não um número que já existe (issue 10, defeito 6)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_nova_os_depois_de_excluir_a_primeira_propoe_numero_livre(
    pagina, live_server, entrar, usuario_equipe, orgao
):
    ano = timezone.localdate().year
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Sustentação", numero_processo="19974.000999/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("GERINF", 1, None, "")], numero=f"OS nº 001/{ano}")
    adicionar_os(contratacao, [("GERINF", 1, None, "")], numero=f"OS nº 002/{ano}")

    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    perguntas = []
    pagina.on("dialog", lambda d: (perguntas.append(d.message), d.accept()))
    primeira = contratacao.ordens.get(numero=f"OS nº 001/{ano}")
    pagina.locator(f'form[action$="/os/{primeira.pk}/excluir/"] button').click()
    pagina.wait_for_load_state("networkidle")
    assert perguntas == [
        f"Excluir a OS nº 001/{ano} – {primeira.identificacao}, com 1 linha de perfil (valor mensal "
        "R$ 34.632,18)? Não há como desfazer."
    ]
    expect(pagina.get_by_role("heading", name=f"OS nº 001/{ano}", exact=False)).to_have_count(0)

    pagina.get_by_role("link", name="Nova OS neste item").click()
    expect(pagina.get_by_label("Número")).to_have_value(f"OS nº 003/{ano}")
