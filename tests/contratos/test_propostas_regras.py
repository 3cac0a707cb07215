"""Regras puras da análise das propostas (DESIGN.md §4.8): K implícito, marcas e limiares."""

from decimal import Decimal as D

import pytest

from contratos.propostas import regras


def oferta(preco, remuneracao="1000.00", salario=None, quantidade=1):
    return regras.Oferta(
        chave=1,
        quantidade=quantidade,
        remuneracao_mapa=D(remuneracao),
        preco=D(preco),
        salario=D(salario) if salario else None,
    )


@pytest.mark.parametrize(
    ("preco", "remuneracao", "k"),
    [
        ("2125.00", "1000.00", "2.13"),  # 2,125 → meio para cima
        ("2124.99", "1000.00", "2.12"),
        ("10760.10", "5075.52", "2.12"),
        ("1.00", "3.00", "0.33"),
    ],
)
def test_k_implicito_com_duas_casas_meio_para_cima(preco, remuneracao, k):
    assert regras.fator_k_implicito(D(preco), D(remuneracao)) == D(k)


def test_k_exatamente_3_nao_e_marcado_e_3_01_e():
    assert not regras.analisar_linha(oferta("3000.00")).diligencia
    assert not regras.analisar_linha(oferta("3004.99")).diligencia  # K 3,00 após o arredondamento
    marcada = regras.analisar_linha(oferta("3010.00"))
    assert marcada.diligencia and marcada.fator_k == D("3.01")
    assert marcada.marcas == [regras.DILIGENCIA]


def test_salario_um_centavo_abaixo_do_mapa_e_indicio():
    assert regras.analisar_linha(oferta("2000.00", salario="999.99")).abaixo_do_mapa
    assert not regras.analisar_linha(oferta("2000.00", salario="1000.00")).abaixo_do_mapa
    assert not regras.analisar_linha(oferta("2000.00")).abaixo_do_mapa  # sem salário informado


@pytest.mark.parametrize(("total", "indicio"), [("4999.00", True), ("5000.00", False), ("4999.99", True)])
def test_total_abaixo_de_50_por_cento_da_estimativa(total, indicio):
    analise = regras.analisar_proposta([oferta(total)], estimativa=D("10000.00"))
    assert analise.inexequivel is indicio
    assert analise.diferenca == D(total) - D("10000.00")


def test_percentual_49_99_e_50_00():
    assert regras.analisar_proposta([oferta("4999.00")], estimativa=D("10000.00")).percentual == D("49.99")
    assert regras.analisar_proposta([oferta("5000.00")], estimativa=D("10000.00")).percentual == D("50.00")


def test_limiares_sao_parametros_e_aparecem_nas_regras():
    limiares = regras.Limiares(k_maximo=D("2.50"), percentual_minimo=D("70.00"))
    assert regras.analisar_linha(oferta("2510.00"), limiares).diligencia
    assert regras.analisar_proposta(
        [oferta("6999.00")], estimativa=D("10000.00"), limiares=limiares
    ).inexequivel
    textos = " ".join(t for _, t in regras.regras(limiares))
    assert "2,50" in textos and "70,00%" in textos and "art. 34" in textos and "item 5" in textos
    padrao = " ".join(t for _, t in regras.regras(regras.PADRAO))
    assert "3,00" in padrao and "50,00%" in padrao


def test_valor_mensal_e_total_somam_quantidade_vezes_preco():
    analise = regras.analisar_proposta(
        [oferta("10760.10", "5075.52", quantidade=2), oferta("34632.18", "17851.64")],
        estimativa=D("56152.38"),
    )
    assert analise.total == D("56152.38") and analise.percentual == D("100.00")


def test_preco_derivado_de_salario_e_k():
    assert regras.preco_ofertado(preco=None, salario=D("5075.52"), fator_k=D("2.12")) == D("10760.10")
    with pytest.raises(ValueError):
        regras.preco_ofertado(preco=None, salario=D("5075.52"), fator_k=None)


@pytest.mark.parametrize("texto", ["11.222.333/0001-81", "11222333000181", " 11.222.333/0001-81 "])
def test_cnpj_valido(texto):
    assert regras.normalizar_cnpj(texto) == "11222333000181"


@pytest.mark.parametrize(
    "texto", ["11.222.333/0001-82", "11222333000180", "1122233300018", "00000000000000", "11a22333000181"]
)
def test_cnpj_invalido(texto):
    with pytest.raises(ValueError):
        regras.normalizar_cnpj(texto)
