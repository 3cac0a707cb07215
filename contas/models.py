from django.conf import settings
from django.db import models

from contas.confiabilidade import BRONZE, OURO, PRATA
from core.campos import pessoa_responsavel


class IdentidadeGovbr(models.Model):
    """A conta gov.br ligada a um usuário. O `sub` (CPF) é só a chave de entrada: nunca aparece na tela."""

    class Nivel(models.TextChoices):
        BRONZE = BRONZE, "Bronze"
        PRATA = PRATA, "Prata"
        OURO = OURO, "Ouro"

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="govbr", verbose_name="usuário"
    )
    sub = models.CharField("identificador no gov.br", max_length=64, unique=True, editable=False)
    nivel = models.CharField("nível de confiabilidade", max_length=10, choices=Nivel.choices, blank=True)
    ultima_entrada = models.DateTimeField("última entrada pelo gov.br", null=True, blank=True)

    class Meta:
        verbose_name = "identidade gov.br"
        verbose_name_plural = "identidades gov.br"

    def __str__(self):
        return f"gov.br de {self.usuario}"


class EventoAuditoria(models.Model):
    """Entradas (locais e gov.br, com sucesso ou falha) e mudanças de papel: quem, quando, de onde."""

    class Tipo(models.TextChoices):
        ENTRADA = "entrada", "Entrada"
        ENTRADA_FALHA = "entrada_falha", "Entrada recusada"
        PAPEL_CONCEDIDO = "papel_concedido", "Papel concedido"
        PAPEL_RETIRADO = "papel_retirado", "Papel retirado"
        MEMBRO_INCLUIDO = "membro_incluido", "Pessoa incluída no órgão"
        MEMBRO_REMOVIDO = "membro_removido", "Pessoa removida do órgão"

    class Meio(models.TextChoices):
        LOCAL = "local", "Usuário e senha"
        GOVBR = "govbr", "gov.br"
        APP = "app", "PlanejaTIC"

    tipo = models.CharField("evento", max_length=20, choices=Tipo.choices)
    meio = models.CharField("meio", max_length=10, choices=Meio.choices, default=Meio.APP)
    quando = models.DateTimeField("quando", auto_now_add=True, db_index=True)
    ator = pessoa_responsavel("quem fez")
    alvo = pessoa_responsavel("pessoa", related_name="eventos_auditoria")
    # O usuário digitado numa entrada recusada (pode não existir); nunca o CPF.
    usuario_informado = models.CharField("usuário informado", max_length=150, blank=True)
    orgao = models.ForeignKey(
        "contratos.Orgao",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="órgão",
    )
    endereco = models.GenericIPAddressField("endereço", null=True, blank=True)
    detalhe = models.CharField("detalhe", max_length=200, blank=True)

    class Meta:
        verbose_name = "evento de auditoria"
        verbose_name_plural = "eventos de auditoria"
        ordering = ["-quando", "-pk"]
        permissions = [("gerir_pessoas", "Gerir as pessoas e os papéis do próprio órgão")]

    def __str__(self):
        return f"{self.get_tipo_display()} em {self.quando:%d/%m/%Y %H:%M}"


class SessaoAtiva(models.Model):
    """Cada sessão aberta por uma entrada, para listar e encerrar as outras em "Minha conta"."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessoes_ativas"
    )
    chave = models.CharField("chave da sessão", max_length=40, unique=True)
    criada_em = models.DateTimeField("aberta em", auto_now_add=True)
    endereco = models.GenericIPAddressField("endereço", null=True, blank=True)
    navegador = models.CharField("navegador", max_length=200, blank=True)

    class Meta:
        verbose_name = "sessão ativa"
        verbose_name_plural = "sessões ativas"
        ordering = ["-criada_em"]

    def __str__(self):
        return f"Sessão de {self.usuario} desde {self.criada_em:%d/%m/%Y %H:%M}"
