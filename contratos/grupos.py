"""Grupos de acesso e suas permissões.

Cada app declara em `<app>/permissoes.py` um dicionário `GRUPOS = {nome_do_grupo: ["app.codename", ...]}`;
este módulo reúne as declarações e as aplica depois de cada `migrate` (idempotente).
"""

from importlib import import_module

ADMINISTRADOR = "Administrador de referências"
EQUIPE = "Equipe de planejamento"
ACOMPANHAMENTO = "Acompanhamento do ACT"
CONSULTA = "Consulta"
GESTOR = "Gestor do órgão"
NOMES = (ADMINISTRADOR, EQUIPE, ACOMPANHAMENTO, CONSULTA, GESTOR)

AREAS = ("catalogo", "contratos", "contas", "acordo")


def permissoes_declaradas() -> dict[str, set[str]]:
    declaradas: dict[str, set[str]] = {nome: set() for nome in NOMES}
    for area in AREAS:
        try:
            modulo = import_module(f"{area}.permissoes")
        except ModuleNotFoundError:
            continue
        for grupo, codenames in modulo.GRUPOS.items():
            declaradas[grupo].update(codenames)
    return declaradas


def sincronizar_grupos(sender=None, **kwargs):
    """Receptor de post_migrate: roda uma vez, quando a última área já teve suas permissões criadas."""
    if sender is not None and sender.name != AREAS[-1]:
        return
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    for nome, codenames in permissoes_declaradas().items():
        grupo, _ = Group.objects.using(using).get_or_create(name=nome)
        chaves = [tuple(c.split(".", 1)) for c in codenames]
        if not chaves:
            continue
        perms = Permission.objects.using(using).filter(
            content_type__app_label__in={a for a, _ in chaves}, codename__in={c for _, c in chaves}
        )
        desejadas = [
            p
            for p in perms.select_related("content_type")
            if (p.content_type.app_label, p.codename) in chaves
        ]
        grupo.permissions.add(*desejadas)
