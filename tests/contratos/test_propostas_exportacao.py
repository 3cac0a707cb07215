"""Planilha "Análise das propostas": fórmulas vivas que o LibreOffice recalcula iguais à página."""

from decimal import Decimal as D
from io import BytesIO

import openpyxl
from django.urls import reverse

from contratos.propostas import analise, exportacao, regras
from tests.contratos.test_propostas_paginas import criar_proposta
from tests.planilhas import reais_calculados, recalcular


def _tres_propostas(exemplo):
    criar_proposta(exemplo, '=HYPERLINK("x")', ["16000.00", "34632.18"])  # K 3,15: diligência
    criar_proposta(exemplo, "Beta Barata", ["5000.00", "10000.00"])  # abaixo de 50%
    criar_proposta(exemplo, "Gama Salário", None, salarios=[("5075.51", "2.12"), ("17851.64", "1.94")])


def test_libreoffice_recalcula_o_que_a_pagina_mostra(client_equipe, exemplo):
    _tres_propostas(exemplo)
    resposta = client_equipe.get(reverse("contratos:contratacao_propostas_xlsx", args=[exemplo.pk]))
    assert resposta.status_code == 200
    pasta = recalcular(resposta.content)
    esperado = analise.analisar(exemplo)
    ws = pasta.valores[exportacao.ABA_ANALISE]
    formulas = pasta.formulas[exportacao.ABA_ANALISE]
    primeira, total = exportacao.PRIMEIRA, exportacao.PRIMEIRA + len(esperado.linhas)
    assert reais_calculados(ws[f"I{total}"].value) == esperado.estimativa == D("56152.38")
    for i, coluna in enumerate(esperado.colunas):
        preco, _, k, valor, marcas = (exportacao.coluna_da_proposta(i, c) for c in range(5))
        for n, linha in enumerate(esperado.linhas, start=primeira):
            celula = coluna.por_linha[linha.pk]
            assert formulas[f"{k}{n}"].value == f"=ROUND({preco}{n}/F{n},2)"
            assert reais_calculados(ws[f"{k}{n}"].value) == celula.fator_k
            assert (ws[f"{marcas}{n}"].value or "") == " ".join(celula.marcas)
        assert reais_calculados(ws[f"{valor}{total}"].value) == coluna.analise.total
        assert reais_calculados(ws[f"{valor}{total + 1}"].value) == coluna.analise.diferenca
        assert reais_calculados(ws[f"{valor}{total + 2}"].value) == coluna.analise.percentual
        indicio = ws[f"{valor}{total + 3}"].value or ""
        assert indicio == (regras.INEXEQUIVEL if coluna.analise.inexequivel else "")
    # o nome do licitante é texto, nunca fórmula
    assert formulas.cell(exportacao.LINHA_TITULOS - 1, 10).data_type == "s"
    regras_ws = pasta.valores[exportacao.ABA_REGRAS]
    assert regras_ws["B3"].value == 3 and regras_ws["B4"].value == 50
    assert "art. 34" in " ".join(str(c.value) for c in regras_ws["B"] if c.value)


def test_limiares_da_pagina_vao_para_a_planilha(client_equipe, exemplo):
    _tres_propostas(exemplo)
    url = reverse("contratos:contratacao_propostas_xlsx", args=[exemplo.pk])
    pasta = openpyxl.load_workbook(BytesIO(client_equipe.get(url, {"k_maximo": "3,20"}).content))
    assert pasta[exportacao.ABA_REGRAS]["B3"].value == 3.2
