"""Carimbo e registro de toda exportação, e "Verificar arquivo" (issue 17, DESIGN.md §5)."""

import hashlib
from io import BytesIO

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contratos.anexo_a import ABA_ANEXO, ABA_MAPA, ABA_MEMORIA
from contratos.models import LinhaPerfil
from core.models import Exportacao

VERIFICAR = reverse("contratos:verificar_arquivo")


def exportar_anexo_a(cliente, contratacao) -> bytes:
    resposta = cliente.get(reverse("contratos:contratacao_anexo_a", args=[contratacao.pk]))
    assert resposta.status_code == 200
    return resposta.content


def enviar(cliente, conteudo: bytes, nome="anexo-a.xlsx"):
    return cliente.post(VERIFICAR, {"arquivo": SimpleUploadedFile(nome, conteudo)})


def test_anexo_a_registra_quem_gerou_quando_e_o_sha256(client_equipe, exemplo, usuario_equipe):
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    exportacao = Exportacao.objects.get()
    assert exportacao.origem == exemplo and exportacao.gerado_por == usuario_equipe
    assert exportacao.tipo == Exportacao.Tipo.ANEXO_A
    assert exportacao.sha256 == hashlib.sha256(conteudo).hexdigest()
    assert str(exportacao.valor_mensal) == "56152.38"
    assert "Portaria SGD/MGI nº 6.055/2025" in exportacao.mapa


def test_anexo_a_traz_o_carimbo_nas_propriedades_e_no_rodape_de_cada_aba(client_equipe, exemplo):
    pasta = openpyxl.load_workbook(BytesIO(exportar_anexo_a(client_equipe, exemplo)))
    exportacao = Exportacao.objects.get()
    props = pasta.properties
    assert props.identifier == exportacao.codigo and props.version == exportacao.versao_app
    assert f"código {exportacao.codigo}" in props.description and exportacao.mapa in props.description
    for aba in (ABA_ANEXO, ABA_MEMORIA, ABA_MAPA):
        rodape = pasta[aba].oddFooter
        assert f"código {exportacao.codigo}" in rodape.left.text
        assert "19974.000001/2026-01" in rodape.left.text
        assert rodape.center.text == "Página &P de &N"  # o rodapé de antes continua


def test_cada_exportacao_tem_codigo_proprio(client_equipe, exemplo):
    exportar_anexo_a(client_equipe, exemplo)
    client_equipe.get(reverse("contratos:contratacao_kit_tr", args=[exemplo.pk]))
    assert len(set(Exportacao.objects.values_list("codigo", flat=True))) == 2


def test_anexo_a_exportado_e_reconhecido(client_equipe, exemplo):
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    exportacao = Exportacao.objects.get()
    resposta = enviar(client_equipe, conteudo)
    texto = resposta.content.decode()
    assert resposta.context["conferencia"].exportacao == exportacao
    assert 'data-testid="confere"' in texto and exportacao.codigo in texto
    assert "19974.000001/2026-01" in texto and "R$ 56.152,38" in texto
    assert 'data-testid="estimativa-igual"' in texto


def test_um_byte_trocado_nao_confere(client_equipe, exemplo):
    conteudo = bytearray(exportar_anexo_a(client_equipe, exemplo))
    conteudo[len(conteudo) // 2] ^= 0x01
    resposta = enviar(client_equipe, bytes(conteudo))
    assert resposta.context["conferencia"].exportacao is None
    assert b'data-testid="desconhecido"' in resposta.content


def test_estimativa_mudada_depois_da_exportacao_e_avisada(client_equipe, exemplo):
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    LinhaPerfil.objects.filter(perfil__codigo="GERINF").update(quantidade=2)
    resposta = enviar(client_equipe, conteudo)
    assert resposta.context["conferencia"].estimativa_mudou
    assert b'data-testid="estimativa-mudou"' in resposta.content


def test_arquivo_de_outro_orgao_e_desconhecido_sem_vazar_nada(client_equipe, client_outro_orgao, exemplo):
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    resposta = enviar(client_outro_orgao, conteudo)
    assert resposta.status_code == 200
    assert resposta.context["conferencia"].exportacao is None
    texto = resposta.content.decode()
    assert 'data-testid="desconhecido"' in texto
    for dado in ("19974.000001/2026-01", "ORGEX", "Órgão de Exemplo", Exportacao.objects.get().codigo):
        assert dado not in texto


def test_sem_arquivo_mensagem_junto_ao_campo(client_equipe, exemplo):
    resposta = client_equipe.post(VERIFICAR, {})
    assert resposta.status_code == 200
    assert resposta.context["form"].errors["arquivo"]
    assert resposta.context["conferencia"] is None


def test_quem_nao_le_contratacoes_abre_a_pagina_mas_o_anexo_a_e_desconhecido(
    client_acompanhamento, client_equipe, exemplo
):
    """O Acompanhamento do ACT verifica os relatórios do ACT; um Anexo A ele não vê (sem vazamento)."""
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    assert client_acompanhamento.get(VERIFICAR).status_code == 200
    resposta = enviar(client_acompanhamento, conteudo)
    assert resposta.context["conferencia"].exportacao is None
    assert "19974.000001/2026-01" not in resposta.content.decode()


def test_consulta_tambem_verifica(client_consulta, client_equipe, exemplo):
    conteudo = exportar_anexo_a(client_equipe, exemplo)
    assert enviar(client_consulta, conteudo).context["conferencia"].exportacao is not None


def test_arquivo_grande_demais_e_recusado_junto_ao_campo(client_equipe, exemplo):
    resposta = enviar(client_equipe, b"0" * (12 * 1024 * 1024 + 1))
    assert "limite é 12 MB" in resposta.context["form"].errors["arquivo"][0]
    assert resposta.context["conferencia"] is None
