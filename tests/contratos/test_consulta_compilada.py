"""core.consultas.ConsultaCompilada: as filas do ORM (e os tipos), numa consulta, compilada uma vez."""

from decimal import Decimal as D

import pytest
from django.db.models.sql.compiler import SQLCompiler

from contratos.models import Item, LinhaPerfil, OrdemServico
from core.consultas import ConsultaCompilada
from tests.consultas import consultas_exatas
from tests.contratos.conftest import adicionar_os


def _linhas_da_contratacao(pk):
    return (
        LinhaPerfil.objects.filter(ordem__contratacao_id=pk)
        .order_by("pk")
        .values_list(
            "pk",
            "ordem__numero",
            "perfil__remuneracao",
            "fator_k",
            "quantidade",
            "ordem__contratacao__criada_em",
        )
    )


def test_mesmas_filas_do_orm_com_os_tipos_do_orm(exemplo, nova_contratacao, monkeypatch):
    outra = nova_contratacao(numero_processo="19974.000002/2026-01")
    adicionar_os(outra, [("GERINF", 3, "1.50", "Equipe reduzida")])
    compilacoes = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compilacoes.append(1) or original(self, *a, **k)
    )
    consulta = ConsultaCompilada(_linhas_da_contratacao)
    for contratacao in (exemplo, outra, exemplo):
        with consultas_exatas(1):
            filas = consulta(contratacao.pk)
        assert filas == [tuple(f) for f in _linhas_da_contratacao(contratacao.pk)]
        # Decimal exato (no SQLite o banco devolve float: vale o conversor do Django), data com fuso
        assert all(type(f[2]) is D and type(f[3]) is D and f[5].tzinfo is not None for f in filas)
    assert [f[3] for f in consulta(outra.pk)] == [D("1.50")]
    assert len(compilacoes) == 1 + 3  # a nossa, uma vez; as do ORM acima, uma por comparação


def test_valor_sem_filas_e_o_marcador_nao_vaza(exemplo):
    consulta = ConsultaCompilada(_linhas_da_contratacao)
    assert consulta(exemplo.pk + 1000) == []
    assert len(consulta(exemplo.pk)) == 2


@pytest.mark.parametrize(
    "montar",
    [
        lambda pk: Item.objects.filter(contratacao_id=pk),
        lambda pk: Item.objects.filter(contratacao_id=pk).values_list("pk", flat=True),
        lambda pk: Item.objects.filter(contratacao_id=pk).values("pk"),
    ],
    ids=["modelo", "flat", "values"],
)
def test_so_values_list_de_tuplas(db, montar):
    with pytest.raises(TypeError):
        ConsultaCompilada(montar)(1)


@pytest.mark.parametrize(
    "montar",
    [
        lambda pk: OrdemServico.objects.values_list("pk"),
        lambda pk: OrdemServico.objects.filter(contratacao_id=pk, item__contratacao_id=pk).values_list("pk"),
    ],
    ids=["sem-o-valor", "valor-duas-vezes"],
)
def test_o_valor_aparece_uma_vez_nos_parametros(db, montar):
    with pytest.raises(ValueError, match="uma vez só"):
        ConsultaCompilada(montar)(1)
