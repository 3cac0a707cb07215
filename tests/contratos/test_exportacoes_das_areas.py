"""Carimbo e registro dos arquivos das outras áreas (issue 17, item 3): análise das propostas,
vantajosidade, relatório de fiscalização, relatórios do ACT, mapa salarial e catálogo.

Cada um: baixado, traz o código nas propriedades e no rodapé de cada aba; "Verificar arquivo" o reconhece;
um byte trocado não confere; quem não veria a origem (outro órgão, sem a permissão da área) recebe
"desconhecido", sem nada do arquivo na página; o registro guarda quem gerou.
"""

import hashlib
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from acordo.models import Acordo
from catalogo.models import VersaoCatalogo
from contratos.fiscalizacao.services import relatorio_concluir
from contratos.models import MapaSalarial
from core.models import Exportacao
from tests.acordo.conftest import act  # noqa: F401 (o ACT carregado)
from tests.contratos.fiscalizacao.conftest import alocar, client_fiscal, periodo, usuario_fiscal  # noqa: F401
from tests.contratos.test_nuvem import criar_catalogo

VERIFICAR = reverse("contratos:verificar_arquivo")


def baixar(cliente, url) -> bytes:
    resposta = cliente.get(url)
    assert resposta.status_code == 200, resposta.status_code
    assert resposta["Content-Disposition"].startswith("attachment;")
    return resposta.content


def conferir(cliente, conteudo: bytes):
    resposta = cliente.post(VERIFICAR, {"arquivo": SimpleUploadedFile("arquivo.xlsx", conteudo)})
    assert resposta.status_code == 200
    return resposta


def codigo_do_xlsx(conteudo: bytes) -> str:
    """O código lido como uma pessoa o leria: nas propriedades e no rodapé de cada aba (openpyxl)."""
    pasta = openpyxl.load_workbook(BytesIO(conteudo))
    codigo = pasta.properties.identifier
    assert codigo and f"código {codigo}" in pasta.properties.description
    for aba in pasta.worksheets:
        assert f"código {codigo}" in aba.oddFooter.left.text, aba.title
    return codigo


def confere_e_nao_vaza(conteudo, *, dono, usuario, alheio, tipo, de_que: str):
    """Quem gerou o reconhece, um byte trocado não confere, e quem não vê a origem não sabe de nada."""
    codigo = codigo_do_xlsx(conteudo)
    registro = Exportacao.objects.get(codigo=codigo)
    assert (registro.tipo, registro.gerado_por) == (tipo, usuario)
    assert registro.sha256 == hashlib.sha256(conteudo).hexdigest()
    assert de_que in registro.descricao

    resposta = conferir(dono, conteudo)
    assert resposta.context["conferencia"].exportacao == registro
    texto = resposta.content.decode()
    assert 'data-testid="confere"' in texto and codigo in texto and de_que in texto

    trocado = bytearray(conteudo)
    trocado[len(trocado) // 2] ^= 0x01
    assert conferir(dono, bytes(trocado)).context["conferencia"].exportacao is None

    resposta = conferir(alheio, conteudo)
    assert resposta.context["conferencia"].exportacao is None
    texto = resposta.content.decode()
    assert 'data-testid="desconhecido"' in texto
    assert codigo not in texto and de_que not in texto
    return registro


@pytest.mark.parametrize(
    ("rota", "tipo"),
    [
        ("contratos:contratacao_propostas_xlsx", Exportacao.Tipo.ANALISE_PROPOSTAS),
        ("contratos:contratacao_vantajosidade_xlsx", Exportacao.Tipo.VANTAJOSIDADE),
    ],
)
def test_analise_das_propostas_e_vantajosidade(
    rota, tipo, client_equipe, client_outro_orgao, usuario_equipe, exemplo
):
    conteudo = baixar(client_equipe, reverse(rota, args=[exemplo.pk]))
    registro = confere_e_nao_vaza(
        conteudo,
        dono=client_equipe,
        usuario=usuario_equipe,
        alheio=client_outro_orgao,
        tipo=tipo,
        de_que="19974.000001/2026-01",
    )
    assert registro.origem == exemplo


def test_analise_das_propostas_guarda_o_valor_e_o_mapa(client_equipe, exemplo):
    conteudo = baixar(client_equipe, reverse("contratos:contratacao_propostas_xlsx", args=[exemplo.pk]))
    registro = Exportacao.objects.get(tipo=Exportacao.Tipo.ANALISE_PROPOSTAS)
    assert registro.origem == exemplo and str(registro.valor_mensal) == "56152.38"
    assert "Portaria SGD/MGI nº 6.055/2025" in registro.mapa
    assert conferir(client_equipe, conteudo).context["conferencia"].estimativa_mudou is False


@pytest.mark.parametrize("alheio", ["client_outro_orgao", "client_acompanhamento"])
def test_relatorio_de_fiscalizacao(request, alheio, client_fiscal, usuario_fiscal, periodo):  # noqa: F811
    alocar(periodo, 3)
    concluido = relatorio_concluir(periodo=periodo, usuario=usuario_fiscal, agora=timezone.now())
    conteudo = baixar(client_fiscal, reverse("contratos:fiscalizacao_relatorio_xlsx", args=[concluido.pk]))
    registro = confere_e_nao_vaza(
        conteudo,
        dono=client_fiscal,
        usuario=usuario_fiscal,
        alheio=request.getfixturevalue(alheio),  # outro órgão; sem a permissão da fiscalização
        tipo=Exportacao.Tipo.RELATORIO_FISCALIZACAO,
        de_que="03/2026, relatório v1",
    )
    assert registro.origem == concluido
    # o relatório concluído é congelado: não há "mudou desde então"
    assert conferir(client_fiscal, conteudo).context["conferencia"].estimativa_mudou is None


@pytest.mark.parametrize(
    ("rota", "tipo", "de_que"),
    [
        ("acordo:monitoramento_xlsx", Exportacao.Tipo.ACT_MENSAL, "relatório mensal de 02/2025"),
        ("acordo:balanco_xlsx", Exportacao.Tipo.ACT_SEMESTRAL, "balanço semestral até 02/2025"),
    ],
)
def test_relatorios_do_act(
    request, rota, tipo, de_que, client_acompanhamento, usuario_acompanhamento, client_equipe
):
    acordo = request.getfixturevalue("act")
    conteudo = baixar(client_acompanhamento, reverse(rota, args=[2025, 2]))
    registro = confere_e_nao_vaza(
        conteudo,
        dono=client_acompanhamento,
        usuario=usuario_acompanhamento,
        alheio=client_equipe,  # a equipe de um órgão não vê os totais de todos
        tipo=tipo,
        de_que=de_que,
    )
    assert registro.origem == acordo and registro.mapa == "" and registro.valor_mensal is None
    # o relatório do ACT não tem mapa: o carimbo não inventa um
    assert "Mapa:" not in openpyxl.load_workbook(BytesIO(conteudo)).properties.description


def test_mapa_salarial_publicado_para_todos_e_rascunho_so_para_quem_mantem(
    client_consulta, client_admin_ref, usuario_admin_ref, mapa
):
    vigente = baixar(client_consulta, reverse("contratos:mapa_exportar", args=[mapa.pk, "xlsx"]))
    codigo = codigo_do_xlsx(vigente)
    assert conferir(client_admin_ref, vigente).context["conferencia"].exportacao.codigo == codigo
    MapaSalarial.objects.filter(pk=mapa.pk).update(situacao=MapaSalarial.Situacao.RASCUNHO)
    rascunho = baixar(client_admin_ref, reverse("contratos:mapa_exportar", args=[mapa.pk, "xlsx"]))
    confere_e_nao_vaza(
        rascunho,
        dono=client_admin_ref,
        usuario=usuario_admin_ref,
        alheio=client_consulta,  # rascunho: só quem mantém o mapa o vê
        tipo=Exportacao.Tipo.MAPA_SALARIAL,
        de_que="Portaria SGD/MGI nº 6.055/2025",
    )


def test_csv_nao_tem_onde_levar_o_carimbo_mas_e_registrado_e_reconhecido(
    client_consulta, usuario_consulta, mapa
):
    conteudo = baixar(client_consulta, reverse("contratos:mapa_exportar", args=[mapa.pk, "csv"]))
    # o CSV sai sem carimbo (a primeira linha é o cabeçalho)
    assert conteudo.decode().splitlines()[0] == "Código,Perfil,Senioridade,Remuneração (R$),Fator-K"
    registro = Exportacao.objects.get()
    assert registro.sha256 == hashlib.sha256(conteudo).hexdigest() and registro.gerado_por == usuario_consulta
    assert conferir(client_consulta, conteudo).context["conferencia"].exportacao == registro


def test_catalogo_publicado_e_rascunho(client_consulta, client_admin_ref, usuario_admin_ref):
    publicado = criar_catalogo()
    conteudo = baixar(client_consulta, reverse("catalogo:exportar", args=[publicado.pk, "xlsx"]))
    assert conferir(client_consulta, conteudo).context["conferencia"].exportacao.origem == publicado
    csv = baixar(client_consulta, reverse("catalogo:exportar", args=[publicado.pk, "csv"]))
    assert conferir(client_consulta, csv).context["conferencia"].exportacao.tipo == Exportacao.Tipo.CATALOGO

    rascunho = criar_catalogo(versao="2026.1", aprovado=False)
    assert rascunho.situacao in VersaoCatalogo.EDITAVEIS
    conteudo = baixar(client_admin_ref, reverse("catalogo:exportar", args=[rascunho.pk, "xlsx"]))
    confere_e_nao_vaza(
        conteudo,
        dono=client_admin_ref,
        usuario=usuario_admin_ref,
        alheio=client_consulta,
        tipo=Exportacao.Tipo.CATALOGO,
        de_que="2026.1",
    )


@pytest.mark.usefixtures("act")
def test_origem_excluida_e_desconhecido(client_acompanhamento):
    conteudo = baixar(client_acompanhamento, reverse("acordo:monitoramento_xlsx", args=[2025, 2]))
    Exportacao.objects.update(id_origem=Acordo.objects.order_by("-pk").first().pk + 1)
    assert conferir(client_acompanhamento, conteudo).context["conferencia"].exportacao is None


def test_quem_nao_tem_papel_nenhum_nao_abre_a_pagina(client, criar_usuario):
    client.force_login(criar_usuario("sem-papel-nenhum"))
    assert client.get(VERIFICAR).status_code == 403


def test_formato_desconhecido_responde_404_e_nada_e_registrado(client_consulta, mapa):
    catalogo = criar_catalogo()
    for url in (
        reverse("contratos:mapa_exportar", args=[mapa.pk, "exe"]),
        reverse("catalogo:exportar", args=[catalogo.pk, "exe"]),
        reverse("contratos:mapa_modelo", args=["exe"]),
    ):
        assert client_consulta.get(url).status_code == 404, url
    assert not Exportacao.objects.exists()
    # o CSV diz a codificação nos dois (mapa e catálogo), com o mesmo tipo
    for url in (
        reverse("contratos:mapa_exportar", args=[mapa.pk, "csv"]),
        reverse("catalogo:exportar", args=[catalogo.pk, "csv"]),
    ):
        assert client_consulta.get(url)["Content-Type"] == "text/csv; charset=utf-8", url
