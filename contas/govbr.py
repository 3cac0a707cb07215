"""Entrar com gov.br (Login Único, OpenID Connect) pelo mozilla-django-oidc: código de autorização com PKCE
S256, state e nonce; o `sub` (CPF) só liga a conta; o nível de confiabilidade fica registrado."""

import logging

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from requests.exceptions import RequestException

from contas import services
from contas.confiabilidade import atende, nivel_das_claims
from contas.models import EventoAuditoria
from contas.papeis import PAPEIS_ESCRITA

LOGGER = logging.getLogger(__name__)

# Por que a entrada pelo gov.br foi recusada, nas palavras de quem tenta entrar.
MENSAGENS = {
    "state": "A resposta do gov.br não corresponde a um pedido de entrada feito neste navegador "
    "(parâmetro state inválido). Nada foi feito: clique em “Entrar com gov.br” de novo.",
    "codigo": "O código de autorização do gov.br expirou ou já foi usado. Nada foi feito: "
    "clique em “Entrar com gov.br” de novo.",
    "cancelada": "A entrada pelo gov.br foi cancelada ou recusada no gov.br.",
    "provedor": "O gov.br não respondeu como esperado. Tente de novo em alguns minutos.",
    "token": "A identificação devolvida pelo gov.br não pôde ser confirmada. Nada foi feito: "
    "clique em “Entrar com gov.br” de novo.",
    "inativa": "Esta conta está inativa no PlanejaTIC. Procure o Gestor do seu órgão.",
}


def govbr_configurado() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


class GovbrBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Só o retorno do gov.br passa nonce; um POST do formulário local com ?code= na URL não chega aqui.
        if request is None or "nonce" not in kwargs or not govbr_configurado():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except RequestException as erro:
            resposta = getattr(erro, "response", None)
            corpo = resposta.text if resposta is not None else ""
            request.govbr_falha = "codigo" if "invalid_grant" in corpo else "provedor"
            LOGGER.warning("gov.br recusou o código: %s", erro)
        except SuspiciousOperation as erro:
            request.govbr_falha = "token"
            LOGGER.warning("gov.br: token recusado: %s", erro)
        return None

    def get_user(self, user_id):
        # A biblioteca devolve também a conta desativada; a sessão dela deve cair como nas contas locais.
        usuario = super().get_user(user_id)
        return usuario if usuario is not None and self.user_can_authenticate(usuario) else None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # A biblioteca não confere emissor nem destinatário do ID token; o OpenID Connect exige as duas.
        emissor = settings.GOVBR_OIDC_EMISSOR
        destinatario = payload.get("aud")
        destinatarios = destinatario if isinstance(destinatario, list) else [destinatario]
        if emissor and payload.get("iss") != emissor:
            raise SuspiciousOperation("Emissor do ID token inesperado.")
        if self.OIDC_RP_CLIENT_ID not in destinatarios:
            raise SuspiciousOperation("ID token emitido para outro cliente.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        info = super().get_userinfo(access_token, id_token, payload)
        if info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("O sub do userinfo difere do ID token.")
        # O nível pode vir no ID token ou no userinfo; o userinfo prevalece.
        return {**payload, **info}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(govbr__sub=claims["sub"])

    def create_user(self, claims):
        return services.govbr_usuario_criar(
            sub=claims["sub"],
            nome=claims.get("name") or claims.get("social_name") or "",
            email=claims.get("email") or "",
            nivel=nivel_das_claims(claims),
        )

    def update_user(self, user, claims):
        nivel = nivel_das_claims(claims)
        services.govbr_identidade_registrar(usuario=user, sub=claims["sub"], nivel=nivel)
        minimo = settings.GOVBR_NIVEL_MINIMO_ESCRITA
        if not atende(nivel, minimo):
            for grupo in user.groups.filter(name__in=PAPEIS_ESCRITA):
                user.groups.remove(grupo)
                services.evento_registrar(
                    tipo=EventoAuditoria.Tipo.PAPEL_RETIRADO,
                    meio=EventoAuditoria.Meio.GOVBR,
                    request=self.request,
                    alvo=user,
                    detalhe=f"{grupo.name}: nível gov.br abaixo de {minimo}",
                )
        return user


class GovbrEntrar(OIDCAuthenticationRequestView):
    def get(self, request):
        if not govbr_configurado():
            raise Http404("Entrada pelo gov.br não configurada.")
        return super().get(request)


class GovbrRetorno(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not govbr_configurado():
            raise Http404("Entrada pelo gov.br não configurada.")
        if request.GET.get("error"):
            self.motivo = "cancelada"
        elif "oidc_states" not in request.session:
            self.motivo = "state"
        else:
            self.motivo = "token"
        try:
            return super().get(request)
        except SuspiciousOperation:
            self.motivo = "state"
            return self.login_failure()

    def login_failure(self):
        usuario = getattr(self, "user", None)
        motivo = getattr(self.request, "govbr_falha", None) or self.motivo
        if usuario is not None and not usuario.is_active:
            motivo = "inativa"
        services.evento_registrar(
            tipo=EventoAuditoria.Tipo.ENTRADA_FALHA,
            meio=EventoAuditoria.Meio.GOVBR,
            request=self.request,
            alvo=usuario,
            detalhe=motivo,
        )
        # Uma recusa no meio de uma sessão (código repetido, por exemplo) não deixa ninguém dentro.
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        messages.error(self.request, MENSAGENS[motivo])
        return redirect("login")
