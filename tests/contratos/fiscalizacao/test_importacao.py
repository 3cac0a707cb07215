"""Equipe alocada pela planilha do contratado: prévia, erros por linha e coluna, tudo ou nada."""

from datetime import datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from contratos.fiscalizacao.models import ProfissionalAlocado

CABECALHO = "nome,codigo,senioridade,anos_experiencia,formacao,certificado,inicio,fim\n"
BOA = "Ana Souza,ASUPCOMP-03,Sênior,6,Bacharel em SI,ITIL 4,01/03/2026,\n"
GERENTE = "Gil Gerente,gerinf,,12,MBA em TI,,2026-03-01,31/03/2026\n"


def _csv(texto: str, nome="equipe.csv"):
    return SimpleUploadedFile(nome, texto.encode("utf-8"), content_type="text/csv")


def _previa(client, periodo, arquivo):
    return client.post(reverse("contratos:fiscalizacao_importar", args=[periodo.pk]), {"arquivo": arquivo})


def _confirmar(client, periodo):
    return client.post(reverse("contratos:fiscalizacao_importar", args=[periodo.pk]), {"confirmar": "1"})


def test_previa_nao_grava_e_a_confirmacao_grava_o_que_foi_visto(client_fiscal, periodo):
    previa = _previa(client_fiscal, periodo, _csv(CABECALHO + BOA + GERENTE))
    html = previa.content.decode()
    assert "Prévia: 2 profissional(is)" in html and "GERINF" in html
    assert not ProfissionalAlocado.objects.exists()
    assert _confirmar(client_fiscal, periodo).status_code == 302
    gravados = {a.nome: a for a in ProfissionalAlocado.objects.select_related("perfil")}
    assert gravados["Ana Souza"].perfil.codigo == "ASUPCOMP-03"
    assert gravados["Ana Souza"].senioridade == "senior"
    assert str(gravados["Gil Gerente"].fim) == "2026-03-31"
    # a confirmação usa a prévia uma vez só
    assert _confirmar(client_fiscal, periodo).status_code == 302
    assert ProfissionalAlocado.objects.count() == 2


def test_uma_linha_com_erro_nada_grava_e_diz_linha_e_coluna(client_fiscal, periodo):
    ruim = "Bia,ASUPCOMP-99,Pleno,x,Técnico,,01/03/2026,01/02/2026\n"
    html = _previa(client_fiscal, periodo, _csv(CABECALHO + BOA + ruim)).content.decode()
    assert "Nada foi importado" in html
    assert "Linha 3, coluna “codigo”: ASUPCOMP-99: O código não está na versão do mapa" in html
    assert "Linha 3, coluna “anos_experiencia”:" in html
    assert "Confirmar a importação" not in html
    assert _confirmar(client_fiscal, periodo).status_code == 302  # sem prévia válida: volta à página
    assert not ProfissionalAlocado.objects.exists()


def test_colunas_faltando_e_arquivo_nao_planilha(client_fiscal, periodo):
    html = _previa(client_fiscal, periodo, _csv("nome,codigo\nAna,GERINF\n")).content.decode()
    assert "Faltam as colunas: anos_experiencia, formacao, inicio." in html
    recusado = _previa(client_fiscal, periodo, _csv("x", nome="equipe.xlsm")).content.decode()
    assert "Nada foi importado" in recusado
    assert not ProfissionalAlocado.objects.exists()


def test_xlsx_com_datas_e_numeros_de_celula(client_fiscal, periodo):
    wb = Workbook()
    wb.active.append(CABECALHO.strip().split(","))
    wb.active.append(["Caio", "ASUPCOMP-02", "Pleno", 3, "Técnico", None, datetime(2026, 3, 2), None])
    saida = BytesIO()
    wb.save(saida)
    arquivo = SimpleUploadedFile("equipe.xlsx", saida.getvalue())
    assert "Prévia: 1 profissional(is)" in _previa(client_fiscal, periodo, arquivo).content.decode()
    _confirmar(client_fiscal, periodo)
    caio = ProfissionalAlocado.objects.get()
    assert (caio.anos_experiencia, str(caio.inicio)) == (3, "2026-03-02")


def test_consulta_e_outro_orgao_nao_importam(client_consulta, client_outro_orgao, periodo):
    assert _previa(client_consulta, periodo, _csv(CABECALHO + BOA)).status_code == 403
    assert _previa(client_outro_orgao, periodo, _csv(CABECALHO + BOA)).status_code == 404
