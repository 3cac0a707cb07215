"""Grupos de acesso: os nomes (só aqui) e a aplicação das permissões que cada área registra.

As permissões de cada grupo vêm de `core.registro` (cada app as declara no seu `AppConfig.ready()`) e são
reaplicadas depois de cada `migrate` (idempotente: só acrescenta o que falta).
"""

# A migração contratos/0002_grupos cria os grupos com estes mesmos textos (migrações não importam código).
ADMINISTRADOR = "Administrador de referências"
EQUIPE = "Equipe de planejamento"
ACOMPANHAMENTO = "Acompanhamento do ACT"
CONSULTA = "Consulta"
GESTOR = "Gestor do órgão"
FISCAL = "Fiscal do contrato"
NOMES = (ADMINISTRADOR, EQUIPE, ACOMPANHAMENTO, CONSULTA, GESTOR, FISCAL)


def sincronizar_grupos(sender=None, **kwargs):
    """Receptor de post_migrate: aplica as permissões da área que acabou de migrar (todas, sem `sender`).

    O post_migrate chega uma vez por app, depois de o django.contrib.auth criar as permissões dela; como cada
    área só concede as próprias permissões (core.registro confere), basta aplicar as da área que migrou.
    """
    from django.contrib.auth.models import Group, Permission

    from core import registro

    if sender is None:
        areas = registro.areas()
    else:
        areas = [a for a in [registro.area(sender.label)] if a is not None]
        if not areas:
            return
    using = kwargs.get("using", "default")
    for nome in NOMES:
        grupo, _ = Group.objects.using(using).get_or_create(name=nome)
        chaves = {tuple(p.split(".", 1)) for a in areas for p in a.grupos.get(nome, ())}
        if not chaves:
            continue
        perms = Permission.objects.using(using).filter(
            content_type__app_label__in={a for a, _ in chaves}, codename__in={c for _, c in chaves}
        )
        perms = perms.select_related("content_type")
        grupo.permissions.add(*[p for p in perms if (p.content_type.app_label, p.codename) in chaves])
