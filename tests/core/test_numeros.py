"""Um arredondamento, uma formatação e um parser pt-BR (core.numeros) para templates, planilhas e regras."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from contratos.estimativa import formatar_reais, validar_fator_k
from core.formularios import CampoDecimalBR
from core.numeros import decimal_br, formatar_numero
from core.templatetags import reais as filtros

VALORES = [D("1234.565"), D("0.005"), D("-0.004"), D("-1234.565"), D("1000000"), D("673828.56"), 0, 12]


def _no_template(valor, filtro: str) -> str:
    return Template("{% load reais %}{{ valor|" + filtro + " }}").render(Context({"valor": valor}))


def test_meio_centavo_aparece_igual_no_template_e_no_modulo_puro():
    """R$ 1.234,565: meio para cima (como o ROUND da planilha) nos dois lugares, não 1.234,56 num deles."""
    assert _no_template(D("1234.565"), "reais") == "R$ 1.234,57"
    assert formatar_reais(D("1234.565")) == "R$ 1.234,57"


@pytest.mark.parametrize("valor", VALORES)
@pytest.mark.parametrize("casas", [0, 2, 4])
def test_filtro_e_funcao_pura_dao_o_mesmo_texto(valor, casas):
    assert filtros.decimal_br(valor, casas) == formatar_numero(valor, casas)
    assert filtros.reais(valor, casas) == formatar_reais(valor, casas)


def test_sem_zero_negativo_nem_valor():
    assert formatar_numero(D("-0.004")) == "0,00"
    assert _no_template(None, "reais") == ""
    assert _no_template("", "decimal_br") == ""
    assert _no_template(None, "percentual") == "—"
    assert _no_template(D("0.1235"), "reais:4") == "R$ 0,1235"
    assert _no_template(D("10"), "percentual") == "+10,00%"
    assert _no_template(D("1.5000"), "quantidade_br") == "1,5"
    assert _no_template(D("2000.0000"), "quantidade_br") == "2.000"


@pytest.mark.parametrize(
    ("entrada", "casas", "esperado"),
    [
        ("5.075,52", 2, D("5075.52")),
        ("R$ 17.851,64", 2, D("17851.64")),
        (" R$\u00a01.234,56 ", 2, D("1234.56")),
        ("2,12", 2, D("2.12")),
        ("5075.52", 2, D("5075.52")),
        ("1.800", 2, D("1.80")),
        ("1.234.567", 2, D("1234567.00")),
        (5075.52, 2, D("5075.52")),
        (3, 2, D("3.00")),
        ("", 2, None),
        ("-2,5", None, D("-2.5")),
        ("2,125", None, D("2.125")),  # sem casas: como veio (a regra do campo diz se cabe)
        ("   ", None, None),
        (None, None, None),
    ],
)
def test_parser_aceita_os_formatos_comuns(entrada, casas, esperado):
    resultado = decimal_br(entrada, casas=casas)
    assert resultado == esperado
    if esperado is not None and casas is not None:
        assert resultado.as_tuple().exponent == -casas


@pytest.mark.parametrize(
    ("entrada", "mensagem"),
    [
        ("abc", "não é um número"),
        ("5,075,52x", "não é um número"),
        ("2,1x", "não é um número"),
        ("NaN", "não é um número"),
        ("Infinity", "não é um número"),
        (True, "verdadeiro/falso"),
        ("1,234", "mais de 2 casas"),
        ("9" * 40, "grande demais"),
    ],
)
def test_parser_recusa_com_mensagem_clara(entrada, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        decimal_br(entrada)


@pytest.mark.parametrize(
    ("digitado", "erros"),
    [
        ("2,12", {}),
        ("2.12", {}),
        ("  ", {"fator_k": ["Informe o Fator-K."]}),
        ("dois", {"fator_k": ["Informe o Fator-K como número, por exemplo 2,12."]}),
        ("2,125", {"fator_k": ["O Fator-K deve ter no máximo 2 casas decimais."]}),
        ("3,01", {"fator_k": ["O Fator-K não pode ser superior a 3,00 (item 4 do Anexo II)."]}),
    ],
)
def test_fator_k_digitado_passa_pelo_mesmo_parser(digitado, erros):
    assert validar_fator_k(digitado, fator_k_mapa=D("2.12"), justificativa="memória de cálculo") == erros


@pytest.mark.parametrize(
    ("digitado", "esperado"),
    [("2,12", D("2.12")), ("2.12", D("2.12")), ("R$ 1,5", D("1.5")), ("", None)],
)
def test_campo_de_formulario_le_pelo_mesmo_parser(digitado, esperado):
    campo = CampoDecimalBR(max_digits=4, decimal_places=2, required=False)
    assert campo.clean(digitado) == esperado


@pytest.mark.parametrize(
    ("digitado", "mensagem"),
    [
        ("dois", "Informe como número, por exemplo 2,12."),
        ("1.234,5", "Certifique-se de que não tenha mais de 4 dígitos no total."),
        ("2,125", "Certifique-se de que não tenha mais de 2 casas decimais."),
    ],
)
def test_campo_de_formulario_recusa_com_a_mensagem_do_campo(digitado, mensagem):
    campo = CampoDecimalBR(
        max_digits=4, decimal_places=2, error_messages={"invalid": "Informe como número, por exemplo 2,12."}
    )
    with pytest.raises(ValidationError) as erro:
        campo.clean(digitado)
    assert erro.value.messages == [mensagem]
