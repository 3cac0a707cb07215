"""Carga do ACT 142/2024 a partir do Plano de Trabalho (make run → carregar_referencias)."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from acordo.models import AcaoCronograma, Acordo, Ocorrencia

pytestmark = pytest.mark.django_db


def _carregar():
    saida = io.StringIO()
    call_command("carregar_referencias", stdout=saida)
    return saida.getvalue()


def test_carga_traz_acordo_participes_e_as_7_acoes_do_plano():
    _carregar()
    acordo = Acordo.objects.get(numero="142/2024")
    assert acordo.processo_sei == "19974.002200/2024-01"
    assert acordo.data_assinatura == date(2024, 11, 12)
    assert acordo.termino == date(2029, 11, 12)
    assert [p.sigla for p in acordo.participes.all()] == ["SGD/MGI", "SERPRO"]
    acoes = list(acordo.acoes.prefetch_related("responsaveis"))
    assert len(acoes) == 7
    assert acoes[1].descricao == "Designar titular e suplente para acompanhamento da execução do ACT ."
    assert acoes[1].prazo_texto == "Em até 10 dias, a contar da data de assinatura do ACT MGI Nº 142/2024."
    assert [p.sigla for p in acoes[2].responsaveis.all()] == ["SERPRO"]
    assert [p.sigla for p in acoes[4].responsaveis.all()] == ["SGD/MGI"]
    assert acoes[6].prazo_texto == "Semestralmente, a contar da data de assinatura do ACT MGI Nº 142/2024."


def test_ocorrencias_materializadas_com_as_datas_esperadas():
    _carregar()

    def datas(ordem):
        return list(
            Ocorrencia.objects.filter(acao__ordem=ordem)
            .order_by("ordinal")
            .values_list("vencimento", flat=True)
        )

    assert datas(2) == [date(2024, 11, 22)]
    assert datas(3) == datas(4) == [date(2024, 12, 12)]
    for mensal in (5, 6):
        d = datas(mensal)
        assert len(d) == 60
        assert d[0] == date(2024, 12, 12) and d[1] == date(2025, 1, 13) and d[-1] == date(2029, 11, 12)
    semestral = datas(7)
    assert len(semestral) == 10
    assert semestral[0] == date(2025, 5, 12) and semestral[-1] == date(2029, 11, 12)
    assinatura = Ocorrencia.objects.get(acao__ordem=1)
    assert assinatura.concluida and assinatura.data_conclusao == date(2024, 11, 12)


def test_carga_e_idempotente():
    _carregar()
    antes = (Ocorrencia.objects.count(), AcaoCronograma.objects.count(), Ocorrencia.historico.count())
    saida = _carregar()
    assert "já carregado (7 ações, 134 ocorrências)" in saida
    assert (Ocorrencia.objects.count(), AcaoCronograma.objects.count(), Ocorrencia.historico.count()) == antes
