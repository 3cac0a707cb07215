"""Restrições de banco comuns às apps (core é a camada de baixo: catalogo, contratos e acordo as usam)."""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# Textos livres (observações, descrições, justificativas): um parágrafo e um texto longo.
TEXTO_MAXIMO = 2000
TEXTO_LONGO_MAXIMO = 4000


def tamanho_maximo(prefixo: str, campo: str, maximo: int) -> models.CheckConstraint:
    """Comprimento máximo de um texto garantido pelo banco.

    O PostgreSQL confere o varchar, mas o SQLite não confere tamanho nenhum e o TextField não tem limite
    em nenhum dos dois: sem isto, um texto de 5 MiB que escape do formulário seria gravado.
    """
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(campo), maximo),
        name=f"{prefixo}_{campo}_tamanho_maximo",
        violation_error_message=f"Use no máximo {maximo} caracteres em “{campo}”.",
    )
