"""Auditoria das entradas e registro da sessão aberta (para "Minha conta" encerrar as outras)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from contas import services
from contas.models import EventoAuditoria, SessaoAtiva


@receiver(user_logged_in, dispatch_uid="contas.entrada")
def _entrada(sender, request, user, **kwargs):
    if request is None:
        return
    govbr = getattr(user, "backend", "").endswith("GovbrBackend")
    services.evento_registrar(
        tipo=EventoAuditoria.Tipo.ENTRADA,
        meio=EventoAuditoria.Meio.GOVBR if govbr else EventoAuditoria.Meio.LOCAL,
        request=request,
        ator=user,
        alvo=user,
    )
    services.sessao_registrar(usuario=user, request=request)


@receiver(user_login_failed, dispatch_uid="contas.entrada_falha")
def _entrada_falha(sender, credentials, request=None, **kwargs):
    # Só a entrada local traz o usuário digitado; as recusas do gov.br são registradas no retorno (govbr.py).
    if "username" not in credentials:
        return
    informado = str(credentials.get("username") or "")
    services.evento_registrar(
        tipo=EventoAuditoria.Tipo.ENTRADA_FALHA,
        meio=EventoAuditoria.Meio.LOCAL,
        request=request,
        alvo=get_user_model().objects.filter(username=informado).first(),
        usuario_informado=informado,
    )


@receiver(user_logged_out, dispatch_uid="contas.saida")
def _saida(sender, request, user, **kwargs):
    chave = getattr(getattr(request, "session", None), "session_key", None)
    if chave:
        SessaoAtiva.objects.filter(chave=chave).delete()
