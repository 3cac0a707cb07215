"""Proposta importada do Anexo A exportado pela aplicação e preenchido pelo licitante (com o openpyxl)."""

import re
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contratos.anexo_a import ABA_ANEXO, COL_CUSTO, COL_K, COL_REMUNERACAO
from contratos.propostas import analise
from contratos.propostas.models import LinhaProposta, Proposta
from tests.contratos.test_propostas_paginas import _dados


def _anexo_a(cliente, contratacao) -> openpyxl.Workbook:
    resposta = cliente.get(reverse("contratos:contratacao_anexo_a", args=[contratacao.pk]))
    return openpyxl.load_workbook(BytesIO(resposta.content))


def _linha(ws, codigo) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws[f"B{r}"].value == codigo and ws[f"A{r}"].value)


def _preencher(pasta, **celulas) -> bytes:
    ws = pasta[ABA_ANEXO]
    for chave, valor in celulas.items():
        coluna, codigo = chave.split("_", 1)
        ws[f"{coluna}{_linha(ws, codigo.replace('_', '-'))}"] = valor
    saida = BytesIO()
    pasta.save(saida)
    return saida.getvalue()


def _enviar(cliente, contratacao, conteudo, nome="proposta.xlsx"):
    url = reverse("contratos:contratacao_propostas_importar", args=[contratacao.pk])
    return cliente.post(url, {"arquivo": SimpleUploadedFile(nome, conteudo)})


def _valores_da_previa(html: str) -> dict:
    return dict(re.findall(r'name="((?:preco|salario|k)_\d+)" value="([^"]*)"', html))


def test_importada_da_mesma_analise_que_digitada(client_equipe, exemplo):
    # o licitante digita salário e K de um perfil e o custo por profissional (preço) do outro
    conteudo = _preencher(
        _anexo_a(client_equipe, exemplo),
        **{
            f"{COL_REMUNERACAO}_ASUPCOMP_02": 5075.51,
            f"{COL_K}_ASUPCOMP_02": 2.2,
            f"{COL_CUSTO}_GERINF": 60000,
        },
    )
    previa = _enviar(client_equipe, exemplo, conteudo)
    assert previa.status_code == 200 and 'data-testid="previa"' in previa.content.decode()
    assert not Proposta.objects.exists()
    valores = _valores_da_previa(previa.content.decode())
    dados = {
        "licitante": "Importada",
        "cnpj": "11.222.333/0001-81",
        "data": "2026-03-10",
        "situacao": "recebida",
    }
    assert (
        client_equipe.post(
            reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk]), dados | valores
        ).status_code
        == 302
    )
    digitada = _dados(exemplo, ASUPCOMP_02=("", "5.075,51", "2,20"), GERINF=("60.000,00", "", "")) | {
        "licitante": "Digitada",
        "cnpj": "11.444.777/0001-61",
    }
    assert (
        client_equipe.post(
            reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk]), digitada
        ).status_code
        == 302
    )
    importada, typed = analise.analisar(exemplo).colunas
    assert importada.analise.total == typed.analise.total == D("11166.12") * 2 + D("60000.00")
    assert [(a.fator_k, a.marcas) for a in importada.analise.linhas] == [
        (a.fator_k, a.marcas) for a in typed.analise.linhas
    ]
    assert importada.analise.linhas[0].abaixo_do_mapa and importada.analise.linhas[1].diligencia


@pytest.mark.parametrize(
    ("celulas", "mensagem"),
    [
        ({f"{COL_CUSTO}_GERINF": "caro"}, f"Célula {COL_CUSTO}"),
        ({f"{COL_REMUNERACAO}_GERINF": "=1/0"}, "fórmula sem valor calculado"),
        ({f"{COL_K}_ASUPCOMP_02": 0}, f"Célula {COL_K}"),
        ({"B_GERINF": "NAOEXISTE-01"}, "não existe na estimativa"),
    ],
)
def test_arquivo_ruim_nomeia_a_celula_e_nada_e_gravado(client_equipe, exemplo, celulas, mensagem):
    conteudo = _preencher(_anexo_a(client_equipe, exemplo), **celulas)
    resposta = _enviar(client_equipe, exemplo, conteudo)
    html = resposta.content.decode()
    assert resposta.status_code == 200 and "Nada foi gravado" in html and mensagem in html
    assert 'data-testid="previa"' not in html
    assert not Proposta.objects.exists() and not LinhaProposta.objects.exists()


def test_linha_inexistente_nomeia_a_linha_e_a_que_falta(client_equipe, exemplo):
    pasta = _anexo_a(client_equipe, exemplo)
    linha = _linha(pasta[ABA_ANEXO], "GERINF")
    html = _enviar(client_equipe, exemplo, _preencher(pasta, B_GERINF="TECSUP-03")).content.decode()
    assert (
        f"Linha {linha} (A{linha}:B{linha})" in html
        and "Falta na planilha a linha OS nº 001/2026 / GERINF" in html
    )


@pytest.mark.parametrize(
    ("nome", "conteudo"), [("proposta.xlsm", None), ("proposta.xlsx", b"texto qualquer")]
)
def test_xlsm_e_arquivo_que_nao_e_planilha(client_equipe, exemplo, nome, conteudo):
    if conteudo is None:
        conteudo = _preencher(_anexo_a(client_equipe, exemplo))
    html = _enviar(client_equipe, exemplo, conteudo, nome).content.decode()
    assert "Nada foi gravado" in html and ("macros" in html or "XLSX" in html)
    assert not Proposta.objects.exists()


def test_importar_exige_equipe_do_orgao(client_consulta, client_outro_orgao, exemplo):
    url = reverse("contratos:contratacao_propostas_importar", args=[exemplo.pk])
    assert client_consulta.get(url).status_code == 403
    assert client_outro_orgao.get(url).status_code == 404
