"""Vantajosidade na prorrogação: o contrato por item contra os mesmos perfis reprecificados com o mapa
vigente, a mesma diferença que "Reprecificar" mostraria."""

from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from contratos.comparacao import reprecificacao_prever
from contratos.propostas import prorrogacao
from contratos.propostas.models import ValorContratado
from tests.contratos.conftest import adicionar_os
from tests.planilhas import reais_calculados, recalcular


@pytest.fixture
def com_dois_itens(exemplo):
    adicionar_os(exemplo, [("ASUPCOMP-03", 3, None, "")], item_numero=2, numero="OS nº 002/2026")
    return exemplo


def _salvar(cliente, contratacao, valores):
    itens = {i.numero: i.pk for i in contratacao.itens.all()}
    dados = {f"valor_{itens[n]}": v for n, v in valores.items()}
    return cliente.post(reverse("contratos:contratacao_vantajosidade", args=[contratacao.pk]), dados)


def test_mesma_diferenca_que_reprecificar(
    client_equipe, com_dois_itens, mapa_novo, settings, time_machine=None
):
    exemplo = com_dois_itens
    # o contrato foi assinado pela estimativa: a diferença é a de Reprecificar, com o sinal do contrato
    assert _salvar(client_equipe, exemplo, {1: "56.152,38", 2: "45.596,13"}).status_code == 302
    previsao = reprecificacao_prever(exemplo, mapa_novo)
    avaliacao = prorrogacao.avaliar(exemplo, mapa=mapa_novo)
    assert avaliacao.referencia == previsao.mensal_novo
    assert avaliacao.contratado == previsao.mensal_anterior
    assert avaliacao.diferenca == previsao.mensal_anterior - previsao.mensal_novo
    # por item: 2 × 5.200,00 × 2,12 = 22.048,00; 17.851,64 × 2,00 = 35.703,28 → 57.751,28
    assert [(i.numero, i.referencia) for i in avaliacao.itens] == [(1, D("57751.28")), (2, D("45596.13"))]
    assert avaliacao.itens[0].diferenca == D("56152.38") - D("57751.28")
    assert avaliacao.itens[0].percentual == D("-2.77")
    assert avaliacao.itens[1].diferenca == D("0.00")


def test_pagina_usa_o_mapa_vigente_e_imprime(client_equipe, com_dois_itens, mapa_novo):
    _salvar(client_equipe, com_dois_itens, {1: "56.152,38"})
    pagina = client_equipe.get(reverse("contratos:contratacao_vantajosidade", args=[com_dois_itens.pk]))
    html = pagina.content.decode()
    assert "9.999/2026" in html and "R$ 57.751,28" in html and "R$ -1.598,90" in html
    impressao = client_equipe.get(
        reverse("contratos:contratacao_vantajosidade_imprimir", args=[com_dois_itens.pk])
    )
    assert impressao.status_code == 200 and "10.8.7" in impressao.content.decode()


def test_xlsx_recalculado_igual_a_pagina(client_equipe, com_dois_itens, mapa_novo):
    _salvar(client_equipe, com_dois_itens, {1: "56.152,38", 2: "40.000,00"})
    conteudo = client_equipe.get(
        reverse("contratos:contratacao_vantajosidade_xlsx", args=[com_dois_itens.pk])
    ).content
    ws = recalcular(conteudo).valores["Vantajosidade"]
    avaliacao = prorrogacao.avaliar(com_dois_itens, mapa=mapa_novo)
    for n, item in enumerate(avaliacao.itens, start=6):
        assert reais_calculados(ws[f"E{n}"].value) == item.diferenca
        assert reais_calculados(ws[f"F{n}"].value) == item.percentual
    assert reais_calculados(ws["E8"].value) == avaliacao.diferenca
    assert openpyxl.load_workbook(BytesIO(conteudo))["Vantajosidade"]["E6"].value.startswith("=")


def test_valor_invalido_e_acesso(client_equipe, client_consulta, client_outro_orgao, exemplo):
    resposta = _salvar(client_equipe, exemplo, {1: "-5"})
    assert resposta.status_code == 200 and "Informe um valor maior que zero." in resposta.content.decode()
    assert not ValorContratado.objects.exists()
    url = reverse("contratos:contratacao_vantajosidade", args=[exemplo.pk])
    assert client_consulta.get(url).status_code == 200
    assert _salvar(client_consulta, exemplo, {1: "1.000,00"}).status_code == 403
    assert client_outro_orgao.get(url).status_code == 404
    assert not ValorContratado.objects.exists()
