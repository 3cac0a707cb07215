"""Páginas transversais: Painel (um resumo por área), Acessibilidade e a recusa do CSRF."""

from django.contrib.auth.decorators import login_not_required
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils import timezone

from core.registro import areas_do_painel


def painel(request):
    """Um cartão por área registrada (core.registro), calculado só para quem pode abrir a área."""
    hoje = timezone.localdate()
    areas = areas_do_painel(request.user)
    return render(
        request,
        "painel.html",
        {
            "areas": {a.rotulo: a.painel(usuario=request.user, hoje=hoje) for a in areas},
            "visiveis": [a.rotulo for a in areas],
            "hoje": hoje,
        },
    )


@login_not_required
def acessibilidade(request):
    return render(request, "acessibilidade.html")


def falha_csrf(request, reason=""):
    """CSRF_FAILURE_VIEW: a recusa em português, na casca do produto, dizendo o que fazer."""
    return render(request, "403_csrf.html", {"sem_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403)
