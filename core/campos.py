"""Campos que mais de uma app declara igual: escritos uma vez (o esquema de cada modelo não muda)."""

from django.conf import settings
from django.db import models


def pessoa_responsavel(verbose_name: str | None = None, *, related_name: str = "+") -> models.ForeignKey:
    """Quem fez algo (emitiu, concluiu, agiu): o registro fica se a pessoa for removida (SET_NULL), e o
    campo é opcional porque há registros feitos pelo sistema."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
    )
