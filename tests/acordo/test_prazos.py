"""Regra de contagem de prazos (DESIGN.md §4.6), sem banco de dados."""

from datetime import date

import pytest

from acordo.prazos import (
    Prazo,
    Situacao,
    TipoPrazo,
    calendario,
    erro_na_data_de_conclusao,
    situacao,
    somar_meses,
    tem_evidencia,
    termino_da_vigencia,
    vencimentos,
)

ASSINATURA = date(2024, 11, 12)
MENSAL = Prazo(TipoPrazo.RECORRENTE, quantidade=1)
SEMESTRAL = Prazo(TipoPrazo.RECORRENTE, quantidade=6)


def _venc(prazo, **kw):
    return vencimentos(prazo, assinatura=kw.pop("assinatura", ASSINATURA), vigencia_meses=60, **kw)


def test_termino_da_vigencia_de_60_meses():
    assert termino_da_vigencia(ASSINATURA, 60) == date(2029, 11, 12)


def test_designacao_de_titular_e_suplente_em_10_dias():
    assert _venc(Prazo(TipoPrazo.DIAS, quantidade=10)) == [date(2024, 11, 22)]


def test_catalogos_em_1_mes():
    assert _venc(Prazo(TipoPrazo.MESES, quantidade=1)) == [date(2024, 12, 12)]


def test_data_fixa_da_assinatura():
    assert _venc(Prazo(TipoPrazo.DATA_FIXA, data=date(2024, 11, 12))) == [date(2024, 11, 12)]


def test_mensal_tem_60_ocorrencias_com_prorrogacao_do_domingo():
    datas = _venc(MENSAL)
    assert len(datas) == 60
    assert datas[0] == date(2024, 12, 12)
    assert datas[1] == date(2025, 1, 13)  # 12/01/2025 é domingo
    assert datas[-1] == date(2029, 11, 12)


def test_mensal_nao_encadeia_a_partir_da_ocorrencia_prorrogada():
    # a 3ª ocorrência conta 3 meses da assinatura (12/02), não 1 mês de 13/01
    assert _venc(MENSAL)[2] == date(2025, 2, 12)


def test_feriado_nacional_prorroga_para_o_dia_util_seguinte():
    datas = _venc(MENSAL)
    # 12/10/2026 (segunda) é Nossa Senhora Aparecida
    assert datas[22] == date(2026, 10, 13)


def test_semestral_tem_10_ocorrencias():
    datas = _venc(SEMESTRAL)
    assert len(datas) == 10
    assert datas[0] == date(2025, 5, 12)
    assert datas[-1] == date(2029, 11, 12)


def test_dia_extra_cadastrado_prorroga():
    extra = date(2025, 5, 12)
    assert _venc(SEMESTRAL, dias_extras={extra})[0] == date(2025, 5, 13)


def test_fim_de_mes_31_01_mais_1_mes():
    assert somar_meses(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert somar_meses(date(2024, 1, 31), 1) == date(2024, 2, 29)  # bissexto
    assert somar_meses(date(2025, 1, 31), 3) == date(2025, 4, 30)


def test_ano_bissexto_29_02():
    assert somar_meses(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert somar_meses(date(2024, 2, 29), 48) == date(2028, 2, 29)
    # 28/02/2025 é sexta: vale o último dia do mês, sem prorrogar
    assert _venc(Prazo(TipoPrazo.MESES, quantidade=12), assinatura=date(2024, 2, 29)) == [date(2025, 2, 28)]


def test_recorrente_de_fim_de_mes_conta_sempre_da_assinatura():
    datas = vencimentos(MENSAL, assinatura=date(2025, 1, 31), vigencia_meses=3)
    # 28/02/2025 sexta; 31/03 segunda; 30/04 quarta: nunca 28/03 nem 28/04
    assert datas == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]


def test_fim_de_semana_em_dias_corridos():
    # 10 dias após 03/01/2025 (sexta) = 13/01 (segunda); após 02/01 = 12/01 (domingo) → 13/01
    assert _venc(Prazo(TipoPrazo.DIAS, quantidade=10), assinatura=date(2025, 1, 2)) == [date(2025, 1, 13)]


def test_prorrogacao_atravessa_feriado_e_fim_de_semana_e_virada_de_ano():
    cal = calendario(2025, 2025, dias_extras={date(2026, 1, 2)})
    # 31/12/2025 quarta útil; 01/01/2026 feriado, 02/01 extra, 03-04 fim de semana → 05/01
    assert cal.prorrogar(date(2026, 1, 1)) == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("vencimento", "conclusao", "esperada"),
    [
        (date(2026, 11, 22), None, Situacao.PENDENTE),
        (date(2026, 11, 21), None, Situacao.ATRASADA),
        (date(2026, 11, 21), date(2026, 11, 21), Situacao.CONCLUIDA),
        (date(2026, 11, 21), date(2026, 11, 22), Situacao.CONCLUIDA_COM_ATRASO),
    ],
)
def test_situacao_derivada_de_hoje(vencimento, conclusao, esperada):
    assert situacao(vencimento, conclusao, hoje=date(2026, 11, 22)) == esperada


def test_prazo_sem_parametro_e_recusado():
    with pytest.raises(ValueError):
        Prazo(TipoPrazo.MESES)
    with pytest.raises(ValueError):
        Prazo(TipoPrazo.DATA_FIXA)


@pytest.mark.parametrize(
    ("conclusao", "hoje", "erro"),
    [
        (date(2024, 11, 12), date(2025, 1, 1), None),  # no dia da assinatura vale
        (date(2025, 1, 1), date(2025, 1, 1), None),  # hoje vale
        (date(2025, 1, 2), date(2025, 1, 1), "não pode estar no futuro"),
        (date(2024, 11, 11), date(2025, 1, 1), "anterior à assinatura do ACT (12/11/2024)"),
        (date(2024, 11, 11), None, "anterior à assinatura do ACT (12/11/2024)"),  # o modelo, sem relógio
        (date(2099, 1, 1), None, None),
    ],
)
def test_data_de_conclusao_entre_a_assinatura_e_hoje(conclusao, hoje, erro):
    obtido = erro_na_data_de_conclusao(conclusao, assinatura=ASSINATURA, hoje=hoje)
    assert (obtido is None) if erro is None else (erro in obtido)


@pytest.mark.parametrize(
    ("numero_sei", "link", "tem"),
    [("123", "", True), ("", "https://x.gov.br", True), ("", "", False), ("  ", " ", False)],
)
def test_evidencia_e_numero_sei_ou_link(numero_sei, link, tem):
    assert tem_evidencia(numero_sei, link) is tem
