"""A linha que não entra nos totais ao vivo diz por quê, na própria linha (issue 10, defeito 1)."""

import re

import pytest
from django.urls import reverse

from contratos.estimativa import linhas_fora_do_total, motivo_fora_do_total
from tests.contratos.test_estimativa_paginas import dados_os
from tests.contratos.test_nuvem import _dados, catalogo, item_vazio  # noqa: F401 (fixtures)


def test_motivo_junta_as_mensagens_na_ordem_das_colunas_sem_repetir():
    assert motivo_fora_do_total([]) == ""
    assert motivo_fora_do_total([["Escolha o perfil."], ["Informe ao menos 1 profissional."]]) == (
        "Fora do total: Escolha o perfil. Informe ao menos 1 profissional."
    )
    assert motivo_fora_do_total([["A."], ["A."]]) == "Fora do total: A."


def test_aviso_conta_as_linhas_de_fora():
    assert linhas_fora_do_total(0) == ""
    assert linhas_fora_do_total(1) == "1 linha fora do total: veja o motivo na própria linha."
    assert linhas_fora_do_total(3) == "3 linhas fora do total: veja o motivo em cada linha."


def _motivos(html, prefixo="motivo-linha"):
    """Texto de cada motivo, por id (o fragmento htmx troca cada um pelo id)."""
    achados = re.findall(rf'<div id="{prefixo}-(\d+)"[^>]*>(.*?)</div>', html, flags=re.S)
    return {int(i): re.sub(r"<[^>]+>", "", texto).strip() for i, texto in achados}


@pytest.mark.parametrize(
    ("quantidade", "fator_k", "justificativa", "motivo"),
    [
        ("0", "", "", "Fora do total: Informe ao menos 1 profissional."),
        (
            "2",
            "3,50",
            "Convenção local",
            "Fora do total: O Fator-K não pode ser superior a 3,00 (item 4 do Anexo II).",
        ),
        (
            "2",
            "2,50",
            "",
            "Fora do total: Justifique o Fator-K 2,50, diferente do Fator-K do mapa (2,12), com a respectiva "
            "memória de cálculo (item 4 do Anexo II).",
        ),
    ],
)
def test_total_ao_vivo_da_os_diz_o_motivo_na_linha(
    exemplo, client_equipe, quantidade, fator_k, justificativa, motivo
):
    ordem = exemplo.ordens.get()
    asup, gerinf = ordem.linhas.order_by("pk")
    linhas = [
        {
            "perfil": asup.perfil_id,
            "quantidade": quantidade,
            "fator_k": fator_k,
            "justificativa": justificativa,
        },
        {"perfil": gerinf.perfil_id, "quantidade": "1", "fator_k": "", "justificativa": ""},
    ]
    url = reverse("contratos:os_calcular", args=[exemplo.pk]) + f"?os={ordem.pk}"
    html = client_equipe.post(url, dados_os(ordem.item, linhas, numero=ordem.numero)).content.decode()
    assert _motivos(html) == {0: motivo, 1: ""}
    assert 'data-testid="total-os">R$ 34.632,18<' in html  # só o GERINF entra
    assert "1 linha fora do total: veja o motivo na própria linha." in html


def test_linha_nova_da_os_diz_que_falta_o_perfil(exemplo, client_equipe):
    html = client_equipe.get(reverse("contratos:os_criar", args=[exemplo.pk])).content.decode()
    assert _motivos(html) == {0: "Fora do total: Escolha o perfil."}


def test_total_ao_vivo_da_nuvem_diz_o_motivo_na_linha(item_vazio, catalogo, client_equipe):  # noqa: F811
    url = reverse("contratos:item_nuvem_calcular", args=[item_vazio.pk])
    dados = _dados(catalogo.servicos_nuvem.all(), [("BD-HORA", "0", ""), ("BD-HORA", "3,5", "")])
    html = client_equipe.post(url, dados).content.decode()
    assert _motivos(html, "motivo-nuvem") == {
        0: "Fora do total: Informe uma quantidade maior que zero.",
        1: "",
    }
    assert 'data-testid="total-item">R$ 43,21<' in html
