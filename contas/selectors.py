"""Leituras de contas: órgãos que a pessoa gere, membros, gestores e eventos de auditoria."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contas.models import EventoAuditoria, SessaoAtiva
from contas.papeis import PAPEIS
from contratos.models import Orgao
from core.grupos import GESTOR
from core.permissoes import exigir

MOTIVO_GESTOR = "Só o Gestor do órgão gere as pessoas do órgão."


def orgaos_geridos(usuario):
    """Os órgãos de que a pessoa é membro e gestora (o superusuário gere todos)."""
    if not usuario.has_perm("contas.gerir_pessoas"):
        return Orgao.objects.none()
    if usuario.is_superuser:
        return Orgao.objects.all()
    return Orgao.objects.filter(membros=usuario)


def orgao_gerido_ou_404(usuario, pk) -> Orgao:
    """Órgão de outro: 404 (sem confirmar que existe); do próprio, sem a permissão: 403."""
    escopo = Orgao.objects.all() if usuario.is_superuser else Orgao.objects.filter(membros=usuario)
    orgao = get_object_or_404(escopo, pk=pk)
    exigir(usuario, "contas.gerir_pessoas", motivo=MOTIVO_GESTOR)
    return orgao


def membros(orgao):
    grupos = Prefetch("groups", queryset=Group.objects.filter(name__in=(*PAPEIS, GESTOR)).order_by("name"))
    return (
        orgao.membros.select_related("govbr")
        .prefetch_related(grupos)
        .order_by("first_name", "last_name", "username")
    )


def membro_ou_404(orgao, pk):
    return get_object_or_404(membros(orgao), pk=pk)


def conta_por_usuario_ou_email(texto: str):
    """Uma conta existente pelo nome de usuário ou pelo e-mail exatos (nunca uma busca aberta)."""
    User = get_user_model()
    texto = texto.strip()
    achadas = list(User.objects.filter(Q(username__iexact=texto) | Q(email__iexact=texto))[:2])
    return achadas[0] if len(achadas) == 1 else None


def gestores_de(orgaos):
    """Para a página "ainda sem acesso": quem pode conceder acesso em cada órgão (`orgao.gestores`)."""
    gestores = get_user_model().objects.filter(groups__name=GESTOR, is_active=True).order_by("first_name")
    return orgaos.prefetch_related(Prefetch("membros", queryset=gestores, to_attr="gestores"))


def auditoria_do_orgao(orgao):
    """Eventos do órgão (papéis, inclusões) e as entradas das pessoas que hoje são membros dele."""
    return (
        EventoAuditoria.objects.filter(
            Q(orgao=orgao)
            | Q(
                orgao__isnull=True,
                alvo__orgaos=orgao,
                tipo__in=[EventoAuditoria.Tipo.ENTRADA, EventoAuditoria.Tipo.ENTRADA_FALHA],
            )
        )
        .select_related("ator", "alvo", "orgao")
        .distinct()
    )


def sessoes_de(usuario):
    """As sessões ainda válidas no banco (as vencidas ou encerradas somem da lista)."""
    vivas = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return SessaoAtiva.objects.filter(usuario=usuario, chave__in=vivas)
