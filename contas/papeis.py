"""Os papéis que o Gestor do órgão concede: grupos existentes, na ordem em que aparecem na tela."""

from django.contrib.auth.models import Group

from core.grupos import CONSULTA, EQUIPE, FISCAL, GESTOR

# O grupo do fiscal é criado com os outros (core.grupos); aparece para o gestor só quando existir.
PAPEIS = (EQUIPE, CONSULTA, FISCAL)
PAPEIS_ESCRITA = frozenset({EQUIPE, FISCAL})
__all__ = ["FISCAL", "GESTOR", "PAPEIS", "PAPEIS_ESCRITA", "papeis_geridos"]


def papeis_geridos() -> list[Group]:
    grupos = {g.name: g for g in Group.objects.filter(name__in=PAPEIS)}
    return [grupos[n] for n in PAPEIS if n in grupos]
