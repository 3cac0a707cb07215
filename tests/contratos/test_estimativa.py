"""Estimativa pura (DESIGN.md §4.2–4.3): sem banco."""

from decimal import Decimal as D

import pytest

from contratos.estimativa import (
    Item,
    LinhaNuvem,
    LinhaPerfil,
    alerta_fator_k_implicito,
    calcular_estimativa,
    calcular_linha,
    experiencia_minima,
    fator_k_implicito,
    formatar_reais,
    validar_fator_k,
    validar_quantidade,
)


def linha(codigo, remuneracao, k_mapa, quantidade=1, k=None, justificativa="", os="OS nº 001/2026", **extra):
    return LinhaPerfil(
        ordem_servico=os,
        codigo=codigo,
        perfil=extra.get("perfil", codigo),
        senioridade=extra.get("senioridade", ""),
        quantidade=quantidade,
        remuneracao=D(remuneracao),
        fator_k_mapa=D(k_mapa),
        fator_k=D(k if k is not None else k_mapa),
        justificativa=justificativa,
    )


def linha_servico(codigo, quantidade, preco_unitario, *, servico="", categoria="", unidade=""):
    """Linha pura de um item de catálogo: na conta só entram a quantidade e o preço unitário."""
    return LinhaNuvem(
        codigo=codigo,
        servico=servico or codigo,
        categoria=categoria,
        unidade=unidade,
        quantidade=D(quantidade),
        preco_unitario=D(preco_unitario),
    )


ASUPCOMP_02 = {"codigo": "ASUPCOMP-02", "remuneracao": "5075.52", "k_mapa": "2.12"}
GERINF = {"codigo": "GERINF", "remuneracao": "17851.64", "k_mapa": "1.94"}


def exemplo(meses=12):
    item = Item(numero=1, descricao="Suporte", linhas=(linha(quantidade=2, **ASUPCOMP_02), linha(**GERINF)))
    return calcular_estimativa([item], meses=meses)


def test_exemplo_trabalhado_arredonda_por_profissional_antes_de_somar():
    est = exemplo()
    custos = [lc.custo_por_profissional for lc in est.itens[0].linhas]
    assert custos == [D("10760.10"), D("34632.18")]
    assert [lc.valor_mensal for lc in est.itens[0].linhas] == [D("21520.20"), D("34632.18")]
    assert est.itens[0].subtotal_mensal == D("56152.38")
    assert est.mensal == D("56152.38")
    assert est.anual == D("673828.56")
    # Arredondar só no fim daria 56.152,39 / 673.828,64: errado pelo §4.3.
    assert est.mensal != D("56152.39") and est.anual != D("673828.64")


def test_periodo_usa_os_meses_de_vigencia():
    assert exemplo(meses=30).periodo == D("1684571.40")
    assert exemplo(meses=12).periodo == exemplo().anual


@pytest.mark.parametrize(
    ("remuneracao", "k", "custo"),
    [
        ("1000.05", "2.50", "2500.13"),  # 2.500,125: meio centavo sobe (não é arredondamento bancário)
        ("3216.87", "2.50", "8042.18"),  # TECSUP-03 com K adotado 2,50: 8.042,175
        ("7487.05", "2.10", "15722.81"),  # ASUPCOMP-03 com K adotado 2,10: 15.722,805
    ],
)
def test_meio_centavo_arredonda_para_cima(remuneracao, k, custo):
    lc = calcular_linha(linha("X", remuneracao, "2.00", quantidade=3, k=k, justificativa="Memória"))
    assert lc.custo_por_profissional == D(custo)
    assert lc.valor_mensal == D(custo) * 3


def test_totais_somam_itens_e_agrupam_por_os_e_perfil():
    item1 = Item(
        numero=1,
        descricao="A",
        linhas=(
            linha(quantidade=2, **ASUPCOMP_02),
            linha(os="OS nº 002/2026", **GERINF),
            linha(quantidade=1, **ASUPCOMP_02),
        ),
    )
    item2 = Item(numero=2, descricao="B", linhas=(linha(quantidade=3, **ASUPCOMP_02),))
    est = calcular_estimativa([item1, item2], meses=12)
    assert est.itens[0].subtotais_por_os() == (
        ("OS nº 001/2026", D("32280.30")),
        ("OS nº 002/2026", D("34632.18")),
    )
    assert est.mensal == D("66912.48") + D("32280.30")
    assert dict(est.mensal_por_perfil()) == {"ASUPCOMP-02": D("64560.60"), "GERINF": D("34632.18")}
    assert est.linhas_com_fator_k_alterado() == ()


def test_linhas_com_k_alterado_sao_listadas_para_a_memoria_de_calculo():
    alterada = linha(quantidade=1, k="2.50", justificativa="Sobreaviso", **ASUPCOMP_02)
    item = Item(numero=1, descricao="A", linhas=(linha(**GERINF), alterada))
    est = calcular_estimativa([item], meses=12)
    assert est.linhas_com_fator_k_alterado() == (alterada,)
    assert est.itens[0].linhas[1].custo_por_profissional == D("12688.80")


def test_contratacao_sem_itens_vale_zero():
    est = calcular_estimativa([], meses=12)
    assert (est.mensal, est.anual, est.periodo) == (D("0.00"), D("0.00"), D("0.00"))


def test_quantidade_e_meses_invalidos_sao_recusados():
    with pytest.raises(ValueError, match="quantidade"):
        calcular_linha(linha(quantidade=0, **GERINF))
    with pytest.raises(ValueError, match="meses"):
        calcular_estimativa([], meses=0)
    assert validar_quantidade(1) == []
    for ruim in (0, -1, 1.5, "2", True, None):
        assert validar_quantidade(ruim) == ["Informe uma quantidade inteira, maior ou igual a 1."]


def test_k_do_mapa_dispensa_justificativa():
    assert validar_fator_k(D("2.12"), fator_k_mapa=D("2.12")) == {}
    assert validar_fator_k("2,12", fator_k_mapa=D("2.12")) == {}


def test_k_diferente_do_mapa_exige_justificativa():
    erros = validar_fator_k("2,50", fator_k_mapa=D("2.12"), justificativa="   ")
    assert list(erros) == ["justificativa"]
    assert "2,50" in erros["justificativa"][0] and "2,12" in erros["justificativa"][0]
    assert validar_fator_k("2,50", fator_k_mapa=D("2.12"), justificativa="Memória de cálculo anexa") == {}


@pytest.mark.parametrize(
    ("k", "mensagem"),
    [
        ("3,01", "não pode ser superior a 3,00"),
        ("0", "maior que zero"),
        ("-1,00", "maior que zero"),
        ("2,125", "2 casas decimais"),
        ("abc", "como número"),
        ("NaN", "como número"),
        ("", "Informe o Fator-K"),
        (None, "Informe o Fator-K"),
    ],
)
def test_k_invalido_tem_mensagem_em_portugues(k, mensagem):
    erros = validar_fator_k(k, fator_k_mapa=D("2.12"), justificativa="Justificado")
    assert any(mensagem in m for m in erros["fator_k"]), erros


def test_k_tres_e_o_limite_aceito():
    assert validar_fator_k("3,00", fator_k_mapa=D("2.12"), justificativa="Justificado") == {}


def test_k_implicito_acima_de_tres_e_aviso_de_diligencia():
    assert fator_k_implicito(D("15226.56"), D("5075.52")) == D("3")
    assert alerta_fator_k_implicito(D("15226.56"), D("5075.52")) is None
    aviso = alerta_fator_k_implicito(D("15226.57"), D("5075.52"))
    assert "diligência" in aviso and "R$ 5.075,52" in aviso
    with pytest.raises(ValueError):
        fator_k_implicito(D("1"), D("0"))


def test_experiencia_minima_e_formato_em_reais():
    assert [experiencia_minima(s) for s in ("Júnior", "Pleno", "Sênior", "")] == [1, 3, 5, None]
    assert formatar_reais(D("673828.56")) == "R$ 673.828,56"
    assert formatar_reais(D("0")) == "R$ 0,00"
