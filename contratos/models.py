from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from contratos import calculo

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


CODIGO_PERFIL_VALIDATOR = RegexValidator(
    r"^[A-Z][A-Z0-9]*(-[0-9]{1,3})?$",
    "Use letras maiúsculas e números, com sufixo opcional (ex.: ASUPCOMP-02).",
)


class MapaSalarial(models.Model):
    """Uma versão do Mapa de Pesquisa Salarial de Referência (Anexo II da Portaria SGD/MGI nº 1.070/2023)."""

    class Situacao(models.TextChoices):
        RASCUNHO = "rascunho", "Rascunho"
        VIGENTE = "vigente", "Vigente"
        REVOGADO = "revogado", "Revogado"

    nome_ato = models.CharField(
        "ato", max_length=200, help_text="Ex.: Portaria SGD/MGI nº 6.055/2025, que publicou esta versão."
    )
    numero = models.CharField("número do ato", max_length=30, blank=True, help_text="Ex.: 6.055/2025")
    anexo = models.CharField(
        "anexo", max_length=200, blank=True, help_text="Ex.: Anexo II da Portaria SGD/MGI nº 1.070/2023"
    )
    data_publicacao = models.DateField("publicação no DOU", null=True, blank=True)
    data_vigencia = models.DateField("início da vigência", null=True, blank=True)
    situacao = models.CharField("situação", max_length=10, choices=Situacao, default=Situacao.RASCUNHO)
    observacoes = models.TextField("observações", blank=True)
    origem = models.ForeignKey(
        "self",
        verbose_name="copiada de",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copias",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "versão do mapa salarial"
        verbose_name_plural = "versões do mapa salarial"
        ordering = ["-data_vigencia", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(situacao__in=["rascunho", "vigente", "revogado"]),
                name="mapa_situacao_valida",
            ),
            # Só o rascunho pode estar sem data de vigência: publicar exige saber quando vale.
            models.CheckConstraint(
                condition=models.Q(situacao="rascunho") | models.Q(data_vigencia__isnull=False),
                name="mapa_publicado_tem_vigencia",
            ),
        ]

    def __str__(self):
        if self.data_vigencia:
            return f"{self.nome_ato} (vigência {self.data_vigencia:%d/%m/%Y})"
        return f"{self.nome_ato} ({self.get_situacao_display().lower()})"

    def get_absolute_url(self):
        return f"{reverse('contratos:mapa')}?versao={self.pk}"

    def clean(self):
        if self.situacao != self.Situacao.RASCUNHO and not self.data_vigencia:
            raise ValidationError(
                {"data_vigencia": "Informe o início da vigência antes de publicar a versão."}
            )
        if self.data_publicacao and self.data_vigencia and self.data_vigencia < self.data_publicacao:
            raise ValidationError(
                {"data_vigencia": "A vigência não pode começar antes da publicação no DOU."}
            )

    def em_uso(self) -> bool:
        """Alguma contratação usa esta versão? (a FK das contratações tem related_name="contratacoes")."""
        return hasattr(self, "contratacoes") and self.contratacoes.exists()

    def motivo_bloqueio(self) -> str:
        """Por que a versão não pode ser editada no lugar; vazio se pode."""
        if self.pk and self.em_uso():
            return "Esta versão é usada por contratações e não pode ser alterada."
        if self.situacao != self.Situacao.RASCUNHO:
            return (
                f"Esta versão está {self.get_situacao_display().lower()} e não pode ser alterada; "
                "crie uma nova versão a partir dela."
            )
        return ""

    @property
    def bloqueado(self) -> bool:
        return bool(self.motivo_bloqueio())


class ValorPerfil(models.Model):
    """Uma linha do mapa: perfil profissional, remuneração mensal e Fator-K de referência."""

    mapa = models.ForeignKey(
        MapaSalarial, verbose_name="versão", on_delete=models.CASCADE, related_name="valores"
    )
    codigo = models.CharField("código", max_length=20, validators=[CODIGO_PERFIL_VALIDATOR])
    perfil = models.CharField("perfil", max_length=200, help_text="Título sem a senioridade.")
    senioridade = models.CharField(
        "senioridade",
        max_length=10,
        choices=calculo.SENIORIDADES,
        blank=True,
        help_text="Vazio para gerentes.",
    )
    remuneracao = models.DecimalField(
        "remuneração mensal (R$)",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(calculo.CENTAVO, "A remuneração deve ser maior que zero.")],
    )
    fator_k = models.DecimalField(
        "Fator-K",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(calculo.CENTAVO, "O Fator-K deve ser maior que zero.")],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valor de perfil"
        verbose_name_plural = "valores de perfil"
        ordering = ["mapa", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mapa", "codigo"], name="valorperfil_codigo_unico_na_versao"),
            models.CheckConstraint(
                condition=models.Q(remuneracao__gt=0), name="valorperfil_remuneracao_positiva"
            ),
            models.CheckConstraint(
                condition=models.Q(fator_k__gt=0, fator_k__lte=calculo.FATOR_K_MAXIMO),
                name="valorperfil_fator_k_entre_0_e_3",
            ),
            models.CheckConstraint(
                condition=models.Q(senioridade__in=["", *calculo.EXPERIENCIA_MINIMA_ANOS]),
                name="valorperfil_senioridade_valida",
            ),
        ]

    def __str__(self):
        return f"{self.codigo} – {self.titulo}"

    def clean(self):
        if self.fator_k is not None and self.fator_k > calculo.FATOR_K_MAXIMO:
            raise ValidationError({"fator_k": "O Fator-K não pode ser superior a 3,00 (item 4 do Anexo II)."})

    @property
    def titulo(self) -> str:
        """Perfil com a senioridade, como na Portaria (ex.: Analista de suporte computacional Pleno)."""
        if self.senioridade:
            return f"{self.perfil} {self.get_senioridade_display()}"
        return self.perfil

    @property
    def familia(self) -> str:
        return calculo.familia_do_codigo(self.codigo)

    @property
    def experiencia_minima_anos(self) -> int | None:
        return calculo.experiencia_minima_anos(self.senioridade)

    @property
    def custo_total(self):
        return calculo.custo_por_profissional(self.remuneracao, self.fator_k)
