"""Gestor do órgão: gere só as pessoas do próprio órgão (outro órgão: 404); cada mudança vai à auditoria."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from contas.models import EventoAuditoria, IdentidadeGovbr
from core.grupos import CONSULTA, EQUIPE, GESTOR

pytestmark = pytest.mark.django_db

# sessão, usuário, permissões (1: usuário e grupos numa consulta), órgão, membros (com o gov.br), papéis de
# todos; a sessão não é regravada dentro do minuto (issue 19: eram 2 de permissões e mais 3 da gravação)
CONSULTAS_LISTA = 6


def _urls(orgao, pessoa):
    return [
        reverse("contas:pessoas", args=[orgao.pk]),
        reverse("contas:pessoa_convidar", args=[orgao.pk]),
        reverse("contas:pessoa_adicionar", args=[orgao.pk]),
        reverse("contas:pessoa_papeis", args=[orgao.pk, pessoa.pk]),
        reverse("contas:pessoa_remover", args=[orgao.pk, pessoa.pk]),
        reverse("contas:auditoria", args=[orgao.pk]),
    ]


def test_gestor_nao_ve_nem_muda_pessoas_de_outro_orgao(client_gestor, outro_orgao, colega_outro):
    for url in _urls(outro_orgao, colega_outro):
        assert client_gestor.get(url).status_code == 404, url
        assert client_gestor.post(url, {"papeis": [EQUIPE]}).status_code == 404, url
    assert outro_orgao.membros.filter(pk=colega_outro.pk).exists()
    assert list(colega_outro.groups.values_list("name", flat=True)) == [CONSULTA]
    assert not EventoAuditoria.objects.exclude(tipo__startswith="entrada").exists()


def test_pessoa_de_outro_orgao_pelo_endereco_do_proprio_responde_404(client_gestor, orgao, colega_outro):
    url = reverse("contas:pessoa_papeis", args=[orgao.pk, colega_outro.pk])
    assert client_gestor.post(url, {"papeis": [EQUIPE]}).status_code == 404
    assert not colega_outro.groups.filter(name=EQUIPE).exists()


def test_sem_o_papel_de_gestor_responde_403_no_proprio_orgao(client_consulta, orgao):
    assert client_consulta.get(reverse("contas:pessoas", args=[orgao.pk])).status_code == 403
    assert client_consulta.get(reverse("contas:pessoas_inicio")).status_code == 403


def test_lista_mostra_papeis_e_ultimo_acesso(client_gestor, orgao, usuario_equipe):
    texto = client_gestor.get(reverse("contas:pessoas", args=[orgao.pk])).content.decode()
    assert "Ana Planejadora" in texto and EQUIPE in texto and "Nunca entrou" in texto


def test_lista_nao_cresce_em_consultas_com_os_membros(
    client_gestor, orgao, criar_usuario, django_assert_num_queries
):
    url = reverse("contas:pessoas", args=[orgao.pk])
    client_gestor.get(url)
    for n in (3, 30):
        for i in range(n):
            criar_usuario(f"p{n}-{i}", grupos=[CONSULTA], orgaos=[orgao])
        with django_assert_num_queries(CONSULTAS_LISTA):
            assert client_gestor.get(url).status_code == 200


def test_convidar_por_email_cria_conta_inclui_e_envia_link(client_gestor, gestor, orgao):
    r = client_gestor.post(
        reverse("contas:pessoa_convidar", args=[orgao.pk]),
        {"nome": "Nova Colega", "email": "Nova@Orgex.gov.br", "papeis": [CONSULTA]},
        REMOTE_ADDR="10.1.2.3",
    )
    assert r.status_code == 302
    nova = User.objects.get(email="nova@orgex.gov.br")
    assert not nova.has_usable_password() and nova.first_name == "Nova"
    assert orgao.membros.filter(pk=nova.pk).exists()
    assert list(nova.groups.values_list("name", flat=True)) == [CONSULTA]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nova@orgex.gov.br"]
    assert "/contas/senha/redefinir/" in mail.outbox[0].body
    concedido = EventoAuditoria.objects.get(tipo=EventoAuditoria.Tipo.PAPEL_CONCEDIDO)
    assert (concedido.ator, concedido.alvo, concedido.orgao, concedido.detalhe, concedido.endereco) == (
        gestor,
        nova,
        orgao,
        CONSULTA,
        "10.1.2.3",
    )


def test_convidar_email_ja_usado_mostra_erro_no_campo_e_nada_grava(client_gestor, orgao, colega_outro):
    r = client_gestor.post(
        reverse("contas:pessoa_convidar", args=[orgao.pk]),
        {"nome": "X", "email": "colega@outro.gov.br", "papeis": [CONSULTA]},
    )
    assert r.status_code == 200
    assert "Já existe uma conta com este e-mail" in r.content.decode()
    assert not orgao.membros.filter(pk=colega_outro.pk).exists() and not mail.outbox


def test_adicionar_conta_existente_por_email(client_gestor, orgao, colega_outro):
    r = client_gestor.post(
        reverse("contas:pessoa_adicionar", args=[orgao.pk]),
        {"conta": "COLEGA@outro.gov.br", "papeis": [EQUIPE]},
    )
    assert r.status_code == 302
    assert orgao.membros.filter(pk=colega_outro.pk).exists()
    assert set(colega_outro.groups.values_list("name", flat=True)) == {CONSULTA, EQUIPE}


def test_adicionar_conta_inexistente_erro_no_campo(client_gestor, orgao):
    r = client_gestor.post(reverse("contas:pessoa_adicionar", args=[orgao.pk]), {"conta": "ninguem"})
    assert r.status_code == 200 and "Nenhuma conta com este usuário ou e-mail" in r.content.decode()


def test_definir_papeis_registra_concedido_e_retirado(client_gestor, gestor, orgao, usuario_consulta):
    r = client_gestor.post(
        reverse("contas:pessoa_papeis", args=[orgao.pk, usuario_consulta.pk]), {"papeis": [EQUIPE]}
    )
    assert r.status_code == 302
    assert list(usuario_consulta.groups.values_list("name", flat=True)) == [EQUIPE]
    eventos = {
        (e.tipo, e.detalhe) for e in EventoAuditoria.objects.filter(alvo=usuario_consulta, ator=gestor)
    }
    assert eventos == {("papel_concedido", EQUIPE), ("papel_retirado", CONSULTA)}


def test_gestor_nao_concede_o_proprio_papel_de_gestor(client_gestor, orgao, usuario_consulta):
    client_gestor.post(
        reverse("contas:pessoa_papeis", args=[orgao.pk, usuario_consulta.pk]), {"papeis": [GESTOR]}
    )
    assert not usuario_consulta.groups.filter(name=GESTOR).exists()


def test_remover_tira_do_orgao_e_os_papeis(client_gestor, orgao, usuario_equipe):
    r = client_gestor.post(reverse("contas:pessoa_remover", args=[orgao.pk, usuario_equipe.pk]))
    assert r.status_code == 302
    assert not orgao.membros.filter(pk=usuario_equipe.pk).exists()
    assert not usuario_equipe.groups.exists()
    assert EventoAuditoria.objects.filter(tipo="membro_removido", alvo=usuario_equipe, orgao=orgao).exists()


def test_nivel_minimo_para_escrita(client_gestor, orgao, usuario_consulta, settings):
    settings.GOVBR_NIVEL_MINIMO_ESCRITA = "prata"
    IdentidadeGovbr.objects.create(usuario=usuario_consulta, sub="11144477735", nivel="bronze")
    url = reverse("contas:pessoa_papeis", args=[orgao.pk, usuario_consulta.pk])
    r = client_gestor.post(url, {"papeis": [EQUIPE]})
    assert r.status_code == 200
    assert "exigem conta gov.br de nível prata ou acima" in r.content.decode()
    assert not usuario_consulta.groups.filter(name=EQUIPE).exists()
    assert client_gestor.post(url, {"papeis": [CONSULTA]}).status_code == 302  # leitura continua possível


def test_convite_sem_email_enviado_nada_grava(client_gestor, orgao, monkeypatch):
    def _falha(*args, **kwargs):
        raise ConnectionRefusedError("SMTP fora do ar")

    monkeypatch.setattr("contas.services.send_mail", _falha)
    r = client_gestor.post(
        reverse("contas:pessoa_convidar", args=[orgao.pk]),
        {"nome": "Nova Colega", "email": "nova@orgex.gov.br", "papeis": [CONSULTA]},
    )
    assert r.status_code == 200 and "Não foi possível enviar o e-mail agora" in r.content.decode()
    assert not User.objects.filter(email="nova@orgex.gov.br").exists()
    assert not EventoAuditoria.objects.filter(tipo="membro_incluido").exists()


def test_superusuario_gere_qualquer_orgao(client_super, outro_orgao, colega_outro):
    assert client_super.get(reverse("contas:pessoas", args=[outro_orgao.pk])).status_code == 200
    r = client_super.post(
        reverse("contas:pessoa_papeis", args=[outro_orgao.pk, colega_outro.pk]), {"papeis": [EQUIPE]}
    )
    assert r.status_code == 302 and colega_outro.groups.filter(name=EQUIPE).exists()
