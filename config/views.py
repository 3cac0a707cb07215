"""Páginas transversais: Painel (um resumo por área), Acessibilidade e a recusa do CSRF."""

from importlib import import_module

from django.contrib.auth.decorators import login_not_required
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils import timezone

AREAS = ("contratos", "catalogo", "acordo")
# A permissão que a página de entrada de cada área confere (sem chave: toda pessoa autenticada abre).
# O cartão da área só aparece, e só é calculado, para quem pode abrir essa página.
PERMISSAO_DA_AREA = {"contratos": "contratos.view_mapasalarial", "catalogo": "catalogo.view_versaocatalogo"}


def areas_visiveis(usuario) -> list[str]:
    return [a for a in AREAS if a not in PERMISSAO_DA_AREA or usuario.has_perm(PERMISSAO_DA_AREA[a])]


def _contexto_das_areas(usuario, hoje):
    """Cada área contribui para o Painel com `selectors.painel_contexto(usuario=, hoje=)`, se o definir."""
    contexto = {}
    for area in areas_visiveis(usuario):
        selectors = import_module(f"{area}.selectors")
        funcao = getattr(selectors, "painel_contexto", None)
        if funcao is not None:
            contexto[area] = funcao(usuario=usuario, hoje=hoje)
    return contexto


def painel(request):
    hoje = timezone.localdate()
    return render(
        request,
        "painel.html",
        {
            "areas": _contexto_das_areas(request.user, hoje),
            "visiveis": areas_visiveis(request.user),
            "hoje": hoje,
        },
    )


@login_not_required
def acessibilidade(request):
    return render(request, "acessibilidade.html")


def falha_csrf(request, reason=""):
    """CSRF_FAILURE_VIEW: a recusa em português, na casca do produto, dizendo o que fazer."""
    return render(request, "403_csrf.html", {"sem_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403)
