"""Propostas dos licitantes de uma contratação, linha a linha sobre as linhas de perfil da estimativa."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from contratos.propostas import regras
from core.permissoes import ModeloRestrito
from core.restricoes import tamanho_maximo

LICITANTE_MAXIMO = 200
# meio centavo, e um fio a mais para o produto em ponto flutuante do SQLite
FOLGA_DO_ARREDONDAMENTO = Decimal("0.0050001")
POSITIVO = [MinValueValidator(regras.CENTAVO, "Informe um valor maior que zero.")]


def validar_cnpj(valor: str) -> None:
    try:
        regras.normalizar_cnpj(valor)
    except ValueError as erro:
        raise ValidationError(str(erro)) from erro


class SituacaoProposta(models.TextChoices):
    RECEBIDA = "recebida", "Recebida"
    DILIGENCIA = "diligencia", "Em diligência"
    ACEITA = "aceita", "Aceita"
    DESCLASSIFICADA = "desclassificada", "Desclassificada"


class Proposta(ModeloRestrito):
    """Proposta de um licitante no certame (sigilosa: só o órgão da contratação a vê)."""

    Situacao = SituacaoProposta

    contratacao = models.ForeignKey(
        "contratos.Contratacao", on_delete=models.CASCADE, related_name="propostas"
    )
    licitante = models.CharField("licitante", max_length=LICITANTE_MAXIMO)
    cnpj = models.CharField("CNPJ", max_length=14, validators=[validar_cnpj])
    data = models.DateField("data da proposta")
    situacao = models.CharField("situação", max_length=20, choices=Situacao, default=Situacao.RECEBIDA)
    criada_em = models.DateTimeField("criada em", auto_now_add=True)

    CAMINHO_ORGAO = "contratacao__orgao"

    class Meta:
        verbose_name = "proposta"
        verbose_name_plural = "propostas"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cnpj__regex=r"^[0-9]{14}$"), name="proposta_cnpj_14_digitos"
            ),
            models.UniqueConstraint(
                fields=["contratacao", "cnpj"], name="proposta_cnpj_unico_na_contratacao"
            ),
            models.CheckConstraint(
                condition=models.Q(situacao__in=SituacaoProposta.values), name="proposta_situacao_valida"
            ),
            tamanho_maximo("proposta", "licitante", LICITANTE_MAXIMO),
        ]

    def __str__(self):
        return f"{self.licitante} ({self.cnpj_formatado})"

    def get_absolute_url(self):
        return reverse("contratos:proposta_editar", args=[self.pk])

    @property
    def cnpj_formatado(self) -> str:
        return regras.formatar_cnpj(self.cnpj) if len(self.cnpj) == 14 else self.cnpj


class LinhaProposta(ModeloRestrito):
    """O ofertado para uma linha de perfil da estimativa: o preço unitário mensal por profissional, e o
    salário e o K quando o licitante os informou (aí o preço é salário × K, arredondado como §4.3)."""

    proposta = models.ForeignKey(Proposta, on_delete=models.CASCADE, related_name="linhas")
    linha = models.ForeignKey("contratos.LinhaPerfil", on_delete=models.CASCADE, related_name="ofertas")
    preco = models.DecimalField("preço unitário mensal", max_digits=14, decimal_places=2, validators=POSITIVO)
    salario = models.DecimalField(
        "salário ofertado", max_digits=14, decimal_places=2, null=True, blank=True, validators=POSITIVO
    )
    fator_k = models.DecimalField(
        "Fator-K ofertado", max_digits=4, decimal_places=2, null=True, blank=True, validators=POSITIVO
    )

    CAMINHO_ORGAO = "proposta__contratacao__orgao"

    class Meta:
        verbose_name = "linha da proposta"
        verbose_name_plural = "linhas da proposta"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposta", "linha"], name="linha_proposta_uma_por_linha"),
            models.CheckConstraint(condition=models.Q(preco__gt=0), name="linha_proposta_preco_positivo"),
            # salário e K vêm juntos (um deriva o preço) ou nenhum dos dois
            models.CheckConstraint(
                condition=models.Q(salario__isnull=True, fator_k__isnull=True)
                # o IS NOT NULL explícito: "NULL > 0" é desconhecido, e o CHECK deixaria passar
                | models.Q(salario__isnull=False, fator_k__isnull=False, salario__gt=0, fator_k__gt=0),
                name="linha_proposta_salario_e_k_juntos",
            ),
            # com salário e K, o preço é salário × K ao centavo (meio centavo de folga: o arredondamento)
            models.CheckConstraint(
                condition=models.Q(salario__isnull=True)
                | models.Q(
                    preco__gte=models.F("salario") * models.F("fator_k") - FOLGA_DO_ARREDONDAMENTO,
                    preco__lte=models.F("salario") * models.F("fator_k") + FOLGA_DO_ARREDONDAMENTO,
                ),
                name="linha_proposta_preco_e_salario_vezes_k",
            ),
        ]

    def __str__(self):
        return f"{self.proposta_id}: {self.linha_id} a {self.preco}"


class ValorContratado(ModeloRestrito):
    """Valor mensal atual do contrato num item, para a vantajosidade na prorrogação (item 10.8.7)."""

    item = models.OneToOneField("contratos.Item", on_delete=models.CASCADE, related_name="valor_contratado")
    valor_mensal = models.DecimalField(
        "valor mensal contratado", max_digits=14, decimal_places=2, validators=POSITIVO
    )

    CAMINHO_ORGAO = "item__contratacao__orgao"

    class Meta:
        verbose_name = "valor contratado"
        verbose_name_plural = "valores contratados"
        constraints = [
            models.CheckConstraint(condition=models.Q(valor_mensal__gt=0), name="valor_contratado_positivo"),
        ]

    def __str__(self):
        return f"Item {self.item_id}: {self.valor_mensal}"
