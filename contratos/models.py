from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

UASG_VALIDATOR = RegexValidator(r"^\d{6}$", "A UASG tem 6 dígitos.")


class Orgao(models.Model):
    """Órgão ou entidade do SISP; as contratações pertencem a um órgão e seus membros as veem."""

    sigla = models.CharField("sigla", max_length=30)
    nome = models.CharField("nome", max_length=200)
    uasg = models.CharField("UASG", max_length=6, blank=True, validators=[UASG_VALIDATOR])
    membros = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="membros", related_name="orgaos", blank=True
    )

    class Meta:
        verbose_name = "órgão"
        verbose_name_plural = "órgãos"
        ordering = ["sigla"]
        constraints = [
            models.UniqueConstraint(fields=["sigla"], name="orgao_sigla_unica"),
        ]

    def __str__(self):
        return f"{self.sigla} – {self.nome}"
