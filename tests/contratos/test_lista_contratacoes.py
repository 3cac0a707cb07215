"""Lista de contratações: a contagem de itens sem agrupar a tabela inteira antes do LIMIT (issue 19)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contratos.models import Contratacao
from tests.contratos.conftest import adicionar_os

pytestmark = pytest.mark.django_db


def test_lista_conta_os_itens_de_cada_contratacao_sem_agrupar_a_tabela(client_super, nova_contratacao):
    com_dois = nova_contratacao(numero_processo="19974.000002/2026-01")
    adicionar_os(com_dois, [("GERINF", 1, None, "")], item_numero=1)
    adicionar_os(com_dois, [("GERINF", 1, None, "")], item_numero=2, numero="OS nº 002/2026")
    adicionar_os(com_dois, [("GERINF", 1, None, "")], item_numero=2, numero="OS nº 003/2026")
    sem_itens = nova_contratacao(numero_processo="19974.000003/2026-01")
    with CaptureQueriesContext(connection) as consultas:
        resposta = client_super.get(reverse("contratos:contratacao_lista"))
    assert resposta.status_code == 200
    itens = {c.pk: c.total_itens for c in resposta.context["pagina"]}
    assert itens == {com_dois.pk: 2, sem_itens.pk: 0}
    # Os pks da página saem sem juntar nem agrupar; só as contratações da página são lidas, com os itens.
    inicio = 'SELECT "contratos_contratacao"."id" AS "pk" FROM "contratos_contratacao"'
    (pks,) = [c["sql"] for c in consultas.captured_queries if c["sql"].startswith(inicio)]
    assert "JOIN" not in pks and "GROUP BY" not in pks
    (pagina,) = [c["sql"] for c in consultas.captured_queries if 'COUNT("contratos_item"' in c["sql"]]
    assert " IN (" in pagina


def test_indice_da_ordem_das_listas():
    (indice,) = [i for i in Contratacao._meta.indexes if i.name == "contratacao_recentes"]
    campos = [(e.expression.name, e.descending) for e in indice.expressions]
    assert campos == [("atualizada_em", True), ("id", True)]
    assert Contratacao._meta.ordering == ["-atualizada_em", "-pk"]
