"""Campos e restrições que mais de um modelo de contratos declara: escritos uma vez."""

from django.db import models

from contratos import calculo


def campo_senioridade() -> models.CharField:
    """A senioridade da Portaria (vazia para gerentes): a mesma no mapa salarial e na equipe alocada."""
    return models.CharField(
        "senioridade",
        max_length=10,
        choices=calculo.SENIORIDADES,
        blank=True,
        help_text="Vazio para gerentes.",
    )


def senioridade_valida(nome: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(senioridade__in=["", *calculo.EXPERIENCIA_MINIMA_ANOS]), name=nome
    )
