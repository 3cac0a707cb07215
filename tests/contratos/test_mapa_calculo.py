"""Regras puras do mapa (DESIGN §4.1–4.3) conferidas nas 35 linhas da Portaria, sem banco."""

import csv
from decimal import Decimal
from pathlib import Path

from contratos import calculo

SEMENTE = Path(__file__).resolve().parents[2] / "contratos" / "dados" / "mapa-6055-2025.csv"

# Custo total = ROUND(remuneração × K; 2), calculado à mão a partir da Portaria 6.055/2025.
CUSTOS_ESPERADOS = {
    "TECSUP-01": "4770.00",
    "TECSUP-02": "5723.98",
    "TECSUP-03": "7334.46",
    "TECMAN-01": "5031.00",
    "TECMAN-02": "6062.39",
    "TECMAN-03": "7431.32",
    "GERSUP": "20523.31",
    "ASUPCOMP-01": "8357.07",
    "ASUPCOMP-02": "10760.10",
    "ASUPCOMP-03": "15198.71",
    "GERINF": "34632.18",
    "ABD-01": "9897.71",
    "ABD-02": "13736.29",
    "ABD-03": "21384.71",
    "ASO-01": "10117.50",
    "ASO-02": "13193.66",
    "ASO-03": "18990.41",
    "ARED-01": "9531.66",
    "ARED-02": "15063.89",
    "ARED-03": "20459.99",
    "TECRED-01": "4828.30",
    "TECRED-02": "6067.08",
    "TECRED-03": "8606.24",
    "DESTEC-01": "11220.55",
    "DESTEC-02": "21780.00",
    "DESTEC-03": "29300.56",
    "ASISA-01": "11625.83",
    "ASISA-02": "17597.95",
    "ASISA-03": "22340.34",
    "ASEG-01": "14281.67",
    "ASEG-02": "19336.17",
    "ASEG-03": "29361.09",
    "GERSEG": "41173.33",
    "CLOUD-01": "23195.33",
    "CLOUD-02": "32952.16",
}


def _linhas():
    with SEMENTE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_custo_das_35_linhas_da_portaria():
    linhas = _linhas()
    assert len(linhas) == 35
    calculados = {
        r["codigo"]: calculo.custo_por_profissional(Decimal(r["remuneracao"]), Decimal(r["fator_k"]))
        for r in linhas
    }
    assert calculados == {c: Decimal(v) for c, v in CUSTOS_ESPERADOS.items()}


def test_exemplo_do_design_arredonda_por_linha():
    """2 × ASUPCOMP-02 + 1 × GERINF: mensal 56.152,38 (arredondar só no fim daria 56.152,39)."""
    asup = calculo.custo_por_profissional(Decimal("5075.52"), Decimal("2.12"))
    gerinf = calculo.custo_por_profissional(Decimal("17851.64"), Decimal("1.94"))
    assert (asup, gerinf) == (Decimal("10760.10"), Decimal("34632.18"))
    assert 2 * asup + gerinf == Decimal("56152.38")
    assert 12 * (2 * asup + gerinf) == Decimal("673828.56")


def test_meio_centavo_arredonda_para_cima():
    assert calculo.custo_por_profissional(Decimal("0.25"), Decimal("0.10")) == Decimal("0.03")


def test_experiencia_minima_por_senioridade():
    assert [calculo.experiencia_minima_anos(s) for s in ("junior", "pleno", "senior", "")] == [1, 3, 5, None]


def test_senioridade_e_dado_explicito_nao_sufixo():
    por_codigo = {r["codigo"]: r["senioridade"] for r in _linhas()}
    assert por_codigo["CLOUD-01"] == "Pleno"
    assert por_codigo["CLOUD-02"] == "Sênior"
    assert por_codigo["GERSUP"] == por_codigo["GERINF"] == por_codigo["GERSEG"] == ""


def test_familia_do_codigo():
    assert calculo.familia_do_codigo("ASUPCOMP-02") == "ASUPCOMP"
    assert calculo.familia_do_codigo("GERINF") == "GERINF"


def test_variacao_percentual():
    assert calculo.variacao_percentual(Decimal("100.00"), Decimal("110.00")) == Decimal("10.00")
    assert calculo.variacao_percentual(Decimal("3.00"), Decimal("2.00")) == Decimal("-33.33")
    assert calculo.variacao_percentual(Decimal("0"), Decimal("1")) is None
