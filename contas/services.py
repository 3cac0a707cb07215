"""Escritas de contas: auditoria, sessões, pessoas e papéis do órgão, identidade gov.br."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from contas.confiabilidade import atende
from contas.models import EventoAuditoria, IdentidadeGovbr, SessaoAtiva
from contas.papeis import PAPEIS_ESCRITA, papeis_geridos
from contas.rede import endereco_de

Tipo = EventoAuditoria.Tipo


def evento_registrar(
    *,
    tipo,
    meio=EventoAuditoria.Meio.APP,
    request=None,
    ator=None,
    alvo=None,
    orgao=None,
    usuario_informado="",
    detalhe="",
) -> EventoAuditoria:
    return EventoAuditoria.objects.create(
        tipo=tipo,
        meio=meio,
        ator=ator if ator is not None and ator.is_authenticated else None,
        alvo=alvo,
        orgao=orgao,
        usuario_informado=usuario_informado[:150],
        endereco=endereco_de(request),
        detalhe=detalhe[:200],
    )


def sessao_registrar(*, usuario, request) -> None:
    chave = request.session.session_key
    if not chave:
        return
    # As sessões que já saíram do banco (vencidas, encerradas) não ficam na lista.
    vivas = Session.objects.values("session_key")
    SessaoAtiva.objects.filter(usuario=usuario).exclude(chave__in=vivas).delete()
    SessaoAtiva.objects.update_or_create(
        chave=chave,
        defaults={
            "usuario": usuario,
            "endereco": endereco_de(request),
            "navegador": request.META.get("HTTP_USER_AGENT", "")[:200],
        },
    )


@transaction.atomic
def sessoes_encerrar_outras(*, usuario, chave_atual: str) -> int:
    """Apaga as outras sessões do usuário no banco: o navegador que as usava volta à tela de entrada."""
    outras = SessaoAtiva.objects.filter(usuario=usuario).exclude(chave=chave_atual)
    chaves = list(outras.values_list("chave", flat=True))
    Session.objects.filter(session_key__in=chaves).delete()
    outras.delete()
    return len(chaves)


def _minimo_escrita() -> str:
    return getattr(settings, "GOVBR_NIVEL_MINIMO_ESCRITA", "")


def validar_nivel_para_papeis(*, usuario, papeis) -> None:
    """Com GOVBR_NIVEL_MINIMO_ESCRITA, papéis de escrita só para contas gov.br desse nível ou acima."""
    minimo = _minimo_escrita()
    identidade = IdentidadeGovbr.objects.filter(usuario=usuario).first()
    if not minimo or identidade is None or not set(papeis) & PAPEIS_ESCRITA:
        return
    if not atende(identidade.nivel, minimo):
        raise ValidationError(
            f"Papéis de escrita exigem conta gov.br de nível {minimo} ou acima; "
            f"a conta desta pessoa é de nível {identidade.get_nivel_display() or 'desconhecido'}."
        )


def _aplicar_papeis(*, orgao, usuario, papeis, ator, request, somar=False) -> None:
    """Deixa a pessoa com os papéis pedidos; `somar` só acrescenta (os papéis vêm de outro órgão também)."""
    geridos = {g.name: g for g in papeis_geridos()}
    atuais = set(usuario.groups.filter(name__in=geridos).values_list("name", flat=True))
    desejados = {p for p in papeis if p in geridos} | (atuais if somar else set())
    for nome in sorted(desejados - atuais):
        usuario.groups.add(geridos[nome])
        evento_registrar(
            tipo=Tipo.PAPEL_CONCEDIDO, request=request, ator=ator, alvo=usuario, orgao=orgao, detalhe=nome
        )
    for nome in sorted(atuais - desejados):
        usuario.groups.remove(geridos[nome])
        evento_registrar(
            tipo=Tipo.PAPEL_RETIRADO, request=request, ator=ator, alvo=usuario, orgao=orgao, detalhe=nome
        )


@transaction.atomic
def papeis_definir(*, orgao, usuario, papeis, ator, request=None) -> None:
    validar_nivel_para_papeis(usuario=usuario, papeis=papeis)
    _aplicar_papeis(orgao=orgao, usuario=usuario, papeis=papeis, ator=ator, request=request)


@transaction.atomic
def membro_incluir(*, orgao, usuario, papeis, ator, request=None) -> None:
    validar_nivel_para_papeis(usuario=usuario, papeis=papeis)
    if not orgao.membros.filter(pk=usuario.pk).exists():
        orgao.membros.add(usuario)
        evento_registrar(tipo=Tipo.MEMBRO_INCLUIDO, request=request, ator=ator, alvo=usuario, orgao=orgao)
    _aplicar_papeis(orgao=orgao, usuario=usuario, papeis=papeis, ator=ator, request=request, somar=True)


@transaction.atomic
def membro_convidar(*, orgao, email, nome, papeis, ator, request) -> object:
    """Cria a conta pelo e-mail (sem senha), inclui no órgão e envia o link para definir a senha."""
    User = get_user_model()
    primeiro, _, resto = nome.strip().partition(" ")
    usuario = User.objects.create_user(username=email, email=email, first_name=primeiro, last_name=resto)
    usuario.set_unusable_password()
    usuario.save(update_fields=["password"])
    membro_incluir(orgao=orgao, usuario=usuario, papeis=papeis, ator=ator, request=request)
    link = request.build_absolute_uri(
        reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(usuario.pk)),
                "token": default_token_generator.make_token(usuario),
            },
        )
    )
    contexto = {
        "usuario": usuario,
        "orgao": orgao,
        "ator": ator,
        "link": link,
        "dias": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_mail(
        subject=f"Convite para o PlanejaTIC ({orgao.sigla})",
        message=render_to_string("contas/email_convite.txt", contexto),
        from_email=None,
        recipient_list=[email],
    )
    return usuario


@transaction.atomic
def membro_remover(*, orgao, usuario, ator, request=None) -> None:
    """Tira a pessoa do órgão; sem outro órgão, os papéis geridos saem também (não sobra acesso solto)."""
    orgao.membros.remove(usuario)
    evento_registrar(tipo=Tipo.MEMBRO_REMOVIDO, request=request, ator=ator, alvo=usuario, orgao=orgao)
    if not usuario.orgaos.exists():
        _aplicar_papeis(orgao=orgao, usuario=usuario, papeis=(), ator=ator, request=request)


@transaction.atomic
def govbr_identidade_registrar(*, usuario, sub: str, nivel: str) -> IdentidadeGovbr:
    identidade, _ = IdentidadeGovbr.objects.update_or_create(
        usuario=usuario, defaults={"sub": sub, "nivel": nivel, "ultima_entrada": timezone.now()}
    )
    return identidade


@transaction.atomic
def govbr_usuario_criar(*, sub: str, nome: str, email: str, nivel: str):
    """Primeira entrada pelo gov.br: conta sem papel nenhum; o nome de usuário não carrega o CPF."""
    User = get_user_model()
    primeiro, _, resto = nome.strip().partition(" ")
    usuario = User(
        username=f"govbr-{secrets.token_hex(6)}",
        email=email,
        first_name=primeiro[:150],
        last_name=resto[:150],
    )
    usuario.set_unusable_password()
    usuario.save()
    govbr_identidade_registrar(usuario=usuario, sub=sub, nivel=nivel)
    return usuario
