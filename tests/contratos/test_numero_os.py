"""Número proposto para a próxima OS: o maior do ano + 1, nunca um número que já existe."""

from django.urls import reverse
from django.utils import timezone

from contratos.calculo import proximo_numero_os
from tests.contratos.conftest import adicionar_os


def test_proposta_usa_o_maior_numero_do_ano():
    assert proximo_numero_os([], 2026) == "OS nº 001/2026"
    assert proximo_numero_os(["OS nº 002/2026"], 2026) == "OS nº 003/2026"
    assert proximo_numero_os(["OS nº 009/2025", "OS nº 001/2026"], 2026) == "OS nº 002/2026"
    assert proximo_numero_os(["OS nº 1000/2026", "OS nº 002/2026"], 2026) == "OS nº 1001/2026"


def test_depois_de_excluir_a_primeira_os_a_proposta_nao_repete_a_segunda(client_equipe, nova_contratacao):
    ano = timezone.localdate().year
    contratacao = nova_contratacao()
    primeira = adicionar_os(contratacao, [("GERINF", 1, None, "")], numero=f"OS nº 001/{ano}")
    adicionar_os(contratacao, [("GERINF", 1, None, "")], numero=f"OS nº 002/{ano}")
    client_equipe.post(reverse("contratos:os_excluir", args=[primeira.pk]))
    assert contratacao.ordens.count() == 1

    pagina = client_equipe.get(reverse("contratos:os_criar", args=[contratacao.pk]))
    assert pagina.context["form"].initial.get("numero", pagina.context["ordem"].numero) == f"OS nº 003/{ano}"
