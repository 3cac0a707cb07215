"""Regra pura da linha de nuvem (sem banco): valor mensal = ROUND(quantidade × preço unitário; 2)."""

from decimal import Decimal as D

import pytest

from catalogo.calculo import LinhaNuvem, valor_mensal_linha
from contratos import estimativa


def totais_item(linhas, *, meses):
    """O item de catálogo pelo caminho da estimativa (contratos/estimativa.py), que soma as linhas."""
    nuvem = tuple(
        estimativa.LinhaNuvem(x.codigo, x.codigo, "rede", "GB/mês", x.quantidade, x.preco_unitario)
        for x in linhas
    )
    item = estimativa.Item(
        numero=1, descricao="Nuvem", linhas=(), tipo=estimativa.TIPO_NUVEM, linhas_nuvem=nuvem
    )
    return estimativa.calcular_estimativa([item], meses=meses)


def test_item_com_quatro_servicos_fracionarios():
    """4 serviços com quantidades e preços fracionários: cada linha arredonda, o item soma as linhas."""
    linhas = [
        LinhaNuvem("CMP-VCPU", D("730.5"), D("0.1234")),  # 90,14370 → 90,14
        LinhaNuvem("ARM-BLOCO", D("1536.25"), D("0.0873")),  # 134,114625 → 134,11
        LinhaNuvem("RED-IP", D("2.5"), D("1.2345")),  # 3,08625 → 3,09
        LinhaNuvem("BD-PG", D("12.75"), D("45.6789")),  # 582,405975 → 582,41
    ]
    assert [linha.valor_mensal for linha in linhas] == [D("90.14"), D("134.11"), D("3.09"), D("582.41")]
    totais = totais_item(linhas, meses=30)
    assert totais.mensal == D("809.75")
    assert totais.anual == D("9717.00")
    assert totais.periodo == D("24292.50")


def test_meio_centavo_arredonda_para_cima_como_round_da_planilha():
    # 0,125 → 0,13 (o arredondamento bancário daria 0,12)
    assert valor_mensal_linha(D("25"), D("0.0050")) == D("0.13")
    assert valor_mensal_linha(D("1"), D("0.0050")) == D("0.01")


def test_arredonda_por_linha_e_nao_so_no_fim():
    """Duas linhas de 0,005 valem 0,01 cada: o item é 0,02 (arredondar só no fim daria 0,01)."""
    linhas = [LinhaNuvem("A", D("1"), D("0.0050")), LinhaNuvem("B", D("1"), D("0.0050"))]
    assert totais_item(linhas, meses=12).mensal == D("0.02")


def test_float_e_recusado():
    with pytest.raises(TypeError):
        LinhaNuvem("A", 1.5, D("0.1"))


@pytest.mark.parametrize(("quantidade", "preco"), [(D("0"), D("1")), (D("1"), D("-0.0001"))])
def test_quantidade_e_preco_positivos(quantidade, preco):
    with pytest.raises(ValueError):
        LinhaNuvem("A", quantidade, preco)


def test_meses_invalidos():
    with pytest.raises(ValueError):
        totais_item([], meses=0)
