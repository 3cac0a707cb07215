"""Ações da administração: fluxo de situação e “nova versão a partir desta”."""

from datetime import date

from django.urls import reverse

from catalogo import selectors
from catalogo.models import VersaoCatalogo

URL = reverse("admin:catalogo_versaocatalogo_changelist")


def _acao(cliente, acao, alvo, **extra):
    return cliente.post(URL, {"action": acao, "_selected_action": [alvo.pk], **extra}, follow=True)


def test_admin_envia_para_analise_e_aprova_com_sei(client_admin_ref, criar_versao):
    antiga = criar_versao(versao="2024.1", aprovar=True)
    nova = criar_versao(versao="2025.1", inicio=date(2025, 3, 1))
    _acao(client_admin_ref, "enviar_para_analise", nova)
    nova.refresh_from_db()
    assert nova.situacao == "em_analise"
    resposta = _acao(client_admin_ref, "aprovar", nova)
    assert "Informe a data de aprovação da versão." in resposta.content.decode()
    VersaoCatalogo.objects.filter(pk=nova.pk).update(data_aprovacao=date(2025, 2, 1), referencia_sei="SEI 9")
    _acao(client_admin_ref, "aprovar", nova)
    nova.refresh_from_db()
    antiga.refresh_from_db()
    # as duas ficam aprovadas; a substituição deriva das datas de início
    assert (nova.situacao, antiga.situacao) == ("aprovado", "aprovado")
    estados = selectors.estados_das_versoes(hoje=date(2025, 3, 1))
    assert (estados[nova.pk].rotulo, estados[antiga.pk].rotulo) == ("Vigente", "Substituída desde 01/03/2025")


def test_admin_cria_nova_versao_a_partir_da_aprovada(client_admin_ref, criar_versao):
    aprovada = criar_versao(n=4, aprovar=True)
    resposta = _acao(client_admin_ref, "nova_versao", aprovada)
    assert "Rótulo da nova versão" in resposta.content.decode()
    confirmar = {"confirmar": "1", "versao": "2025.2", "vigencia_inicio": "01/07/2025"}
    resposta = _acao(client_admin_ref, "nova_versao", aprovada, **confirmar)
    copia = VersaoCatalogo.objects.get(versao="2025.2")
    assert resposta.redirect_chain[-1][0] == reverse("admin:catalogo_versaocatalogo_change", args=[copia.pk])
    assert copia.situacao == "rascunho" and copia.servicos_nuvem.count() == 4
    # rótulo repetido: mensagem clara, nada criado
    resposta = _acao(client_admin_ref, "nova_versao", aprovada, **confirmar)
    assert "Já existe uma versão com este rótulo neste catálogo." in resposta.content.decode()
    assert VersaoCatalogo.objects.count() == 2


def test_consulta_nao_entra_no_admin_de_catalogos(client_consulta, catalogo_exemplo):
    assert client_consulta.get(URL).status_code == 302
