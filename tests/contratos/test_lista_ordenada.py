"""Lista de contratações: valor mensal de cada uma, colunas ordenáveis (processo, valor, data) por ?ordem=,
validada (valor inválido: a ordem padrão, nunca 500), com os filtros e a paginação preservados."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from contratos import selectors
from tests import consultas
from tests.consultas import visitar
from tests.contratos.conftest import adicionar_os

URL = "/contratos/contratacoes/"


def _processos(resposta):
    return re.findall(
        r'<th scope="row" class="sem-quebra"><a href="[^"]+">([^<]+)</a>', resposta.content.decode()
    )


@pytest.fixture
def tres(nova_contratacao):
    """Três contratações: valores 56.152,38 (A), 0 (B, sem OS) e 2 × 56.152,38 (C)."""
    a = nova_contratacao(numero_processo="19974.000002/2026-01")
    adicionar_os(a, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    b = nova_contratacao(numero_processo="19974.000003/2026-01")
    c = nova_contratacao(numero_processo="19974.000001/2026-01")
    adicionar_os(c, [("ASUPCOMP-02", 4, None, ""), ("GERINF", 2, None, "")])
    return a, b, c


def test_valor_mensal_de_cada_contratacao_na_lista(tres, client_equipe):
    html = client_equipe.get(URL).content.decode()
    assert "Valor mensal" in html
    assert "R$ 56.152,38" in html and "R$ 112.304,76" in html and "R$ 0,00" in html
    # o valor da lista é o total guardado, igual ao da estimativa (a do Anexo A)
    for contratacao, valor in zip(tres, ["56152.38", "0.00", "112304.76"], strict=True):
        contratacao.refresh_from_db()
        assert contratacao.valor_mensal == Decimal(valor)
        assert selectors.resumir_contratacao(contratacao).estimativa.mensal == Decimal(valor)


@pytest.mark.parametrize(
    "ordem, esperada",
    [
        ("processo", ["19974.000001/2026-01", "19974.000002/2026-01", "19974.000003/2026-01"]),
        ("-processo", ["19974.000003/2026-01", "19974.000002/2026-01", "19974.000001/2026-01"]),
        ("valor", ["19974.000003/2026-01", "19974.000002/2026-01", "19974.000001/2026-01"]),
        ("-valor", ["19974.000001/2026-01", "19974.000002/2026-01", "19974.000003/2026-01"]),
        ("data", ["19974.000002/2026-01", "19974.000003/2026-01", "19974.000001/2026-01"]),
        ("-data", ["19974.000001/2026-01", "19974.000003/2026-01", "19974.000002/2026-01"]),
    ],
)
def test_ordena_pelas_colunas(tres, client_equipe, ordem, esperada):
    resposta = client_equipe.get(URL, {"ordem": ordem})
    assert _processos(resposta) == esperada
    assert 'aria-sort="' in resposta.content.decode()


@pytest.mark.parametrize("ordem", ["", "objeto", "-pk", "valor;drop", "x" * 500, "orgao__nome"])
def test_ordem_invalida_vale_a_padrao(tres, client_equipe, ordem):
    resposta = client_equipe.get(URL, {"ordem": ordem})
    assert resposta.status_code == 200
    assert _processos(resposta) == _processos(client_equipe.get(URL))  # a mais recente primeiro


def test_filtros_e_paginacao_preservam_a_ordem(nova_contratacao, client_equipe):
    for n in range(25):
        nova_contratacao(numero_processo=f"19974.{n:06d}/2026-01", objeto=f"Objeto {n}")
    resposta = client_equipe.get(URL, {"busca": "Objeto", "ordem": "processo"})
    html = resposta.content.decode()
    assert _processos(resposta)[0] == "19974.000000/2026-01"
    # a paginação leva o filtro e a ordem; os cabeçalhos levam o filtro (e voltam à página 1)
    assert "?busca=Objeto&amp;ordem=processo&amp;pagina=2" in html
    assert 'href="?busca=Objeto&amp;ordem=-processo"' in html
    assert 'href="?busca=Objeto&amp;ordem=valor"' in html
    assert '<input type="hidden" name="ordem" value="processo">' in html
    segunda = client_equipe.get(URL, {"busca": "Objeto", "ordem": "processo", "pagina": 2})
    assert _processos(segunda) == [f"19974.{n:06d}/2026-01" for n in range(20, 25)]


# Qualquer ordem: o valor é o guardado, a página lê as mesmas consultas.
@pytest.mark.parametrize("ordem", ["-data", "valor", "processo"])
def test_consultas_fixas_quantas_forem_as_contratacoes(nova_contratacao, client_equipe, ordem):
    for numero in range(1, 7):
        contratacao = nova_contratacao(numero_processo=f"19974.{numero:06d}/2026-01")
        adicionar_os(contratacao, [("ASUPCOMP-02", numero, None, "")])
        if numero in (2, 6):
            visitar(
                client_equipe,
                reverse("contratos:contratacao_lista"),
                consultas.CONTRATACAO_LISTA,
                {"ordem": ordem},
            )
