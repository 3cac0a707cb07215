"""Páginas transversais: Painel (um resumo por área) e Acessibilidade."""

from importlib import import_module

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone

AREAS = ("contratos", "catalogo", "acordo")


def _contexto_das_areas(usuario, hoje):
    """Cada área contribui para o Painel com `selectors.painel_contexto(usuario=, hoje=)`, se o definir."""
    contexto = {}
    for area in AREAS:
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
        {"areas": _contexto_das_areas(request.user, hoje), "hoje": hoje},
    )


@login_not_required
def acessibilidade(request):
    return render(request, "acessibilidade.html")
