"""ACT 142/2024: acordo, partícipes, representantes, ações do cronograma e suas ocorrências."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from acordo import prazos
from core.permissoes import ModeloRestrito
from core.restricoes import TEXTO_LONGO_MAXIMO, TEXTO_MAXIMO, tamanho_maximo
from core.rotas import endereco

NUMERO_SEI_VALIDATOR = RegexValidator(
    r"^\d[\d./-]*$", "Informe o número SEI só com dígitos, pontos, barra e hífen (ex.: 46328106)."
)


class Acordo(models.Model):
    numero = models.CharField("número", max_length=20)
    processo_sei = models.CharField("processo SEI", max_length=30, validators=[NUMERO_SEI_VALIDATOR])
    objeto = models.TextField(
        "objeto", max_length=TEXTO_LONGO_MAXIMO, validators=[MaxLengthValidator(TEXTO_LONGO_MAXIMO)]
    )
    justificativa = models.TextField(
        "justificativa", max_length=TEXTO_LONGO_MAXIMO, validators=[MaxLengthValidator(TEXTO_LONGO_MAXIMO)]
    )
    data_assinatura = models.DateField("data de assinatura")
    vigencia_meses = models.PositiveSmallIntegerField("vigência (meses)", validators=[MinValueValidator(1)])
    historico = HistoricalRecords()

    class Meta:
        verbose_name = "acordo de cooperação técnica"
        verbose_name_plural = "acordos de cooperação técnica"
        constraints = [
            tamanho_maximo("acordo", "objeto", TEXTO_LONGO_MAXIMO),
            tamanho_maximo("acordo", "justificativa", TEXTO_LONGO_MAXIMO),
            models.UniqueConstraint(fields=["numero"], name="acordo_numero_unico"),
            models.CheckConstraint(condition=Q(vigencia_meses__gte=1), name="acordo_vigencia_positiva"),
        ]

    def __str__(self):
        return f"ACT MGI nº {self.numero}"

    def get_absolute_url(self):
        return endereco("acordo:detalhe")

    @property
    def termino(self) -> date:
        return prazos.termino_da_vigencia(self.data_assinatura, self.vigencia_meses)


class Participe(models.Model):
    acordo = models.ForeignKey(Acordo, on_delete=models.CASCADE, related_name="participes")
    ordem = models.PositiveSmallIntegerField("ordem")
    sigla = models.CharField("sigla", max_length=30)
    nome = models.CharField("nome", max_length=300)
    historico = HistoricalRecords()

    class Meta:
        verbose_name = "partícipe"
        verbose_name_plural = "partícipes"
        ordering = ["acordo", "ordem"]
        constraints = [
            models.UniqueConstraint(fields=["acordo", "sigla"], name="participe_sigla_unica"),
            models.UniqueConstraint(fields=["acordo", "ordem"], name="participe_ordem_unica"),
        ]

    def __str__(self):
        return self.sigla


# Fora das classes para que as restrições do banco (no Meta, que não enxerga a classe) usem os mesmos valores.
class PapelRepresentante(models.TextChoices):
    TITULAR = "titular", "Titular"
    SUPLENTE = "suplente", "Suplente"


class EstadoOcorrencia(models.TextChoices):
    PENDENTE = "pendente", "Pendente"
    CONCLUIDA = "concluida", "Concluída"


class Representante(models.Model):
    Papel = PapelRepresentante

    participe = models.ForeignKey(Participe, on_delete=models.CASCADE, related_name="representantes")
    papel = models.CharField("papel", max_length=10, choices=Papel.choices)
    nome = models.CharField("nome", max_length=200)
    cargo = models.CharField("cargo", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    telefone = models.CharField("telefone", max_length=30, blank=True)
    data_designacao = models.DateField("data de designação")
    ato_designacao = models.CharField(
        "documento SEI da designação", max_length=30, blank=True, validators=[NUMERO_SEI_VALIDATOR]
    )
    ativo = models.BooleanField("designação vigente", default=True)
    historico = HistoricalRecords()

    class Meta:
        verbose_name = "representante"
        verbose_name_plural = "representantes"
        ordering = ["participe__ordem", "papel", "-data_designacao"]
        constraints = [
            # um titular e um suplente vigentes por partícipe; os substituídos ficam no histórico
            models.UniqueConstraint(
                fields=["participe", "papel"],
                condition=Q(ativo=True),
                name="representante_papel_vigente_unico",
            ),
            models.CheckConstraint(
                condition=Q(papel__in=PapelRepresentante.values), name="representante_papel"
            ),
        ]

    def __str__(self):
        return f"{self.nome} ({self.get_papel_display()}, {self.participe})"


class AcaoCronograma(models.Model):
    class TipoPrazo(models.TextChoices):
        DATA_FIXA = prazos.TipoPrazo.DATA_FIXA.value, "Data fixa"
        DIAS = prazos.TipoPrazo.DIAS.value, "N dias após a assinatura"
        MESES = prazos.TipoPrazo.MESES.value, "N meses após a assinatura"
        RECORRENTE = (
            prazos.TipoPrazo.RECORRENTE.value,
            "A cada N meses, desde a assinatura, durante a vigência",
        )

    acordo = models.ForeignKey(Acordo, on_delete=models.CASCADE, related_name="acoes")
    ordem = models.PositiveSmallIntegerField("ordem")
    descricao = models.TextField(
        "ação", max_length=TEXTO_MAXIMO, validators=[MaxLengthValidator(TEXTO_MAXIMO)]
    )
    responsaveis = models.ManyToManyField(Participe, verbose_name="responsáveis", related_name="acoes")
    prazo_texto = models.CharField("prazo (como escrito no plano)", max_length=300)
    tipo_prazo = models.CharField("tipo de prazo", max_length=12, choices=TipoPrazo.choices)
    quantidade = models.PositiveSmallIntegerField(
        "N (dias ou meses)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    data_fixa = models.DateField("data fixa", null=True, blank=True)
    historico = HistoricalRecords(m2m_fields=[responsaveis])

    class Meta:
        verbose_name = "ação do cronograma"
        verbose_name_plural = "ações do cronograma"
        ordering = ["acordo", "ordem"]
        constraints = [
            tamanho_maximo("acaocronograma", "descricao", TEXTO_MAXIMO),
            models.UniqueConstraint(fields=["acordo", "ordem"], name="acao_ordem_unica"),
            models.CheckConstraint(
                condition=(
                    Q(tipo_prazo=prazos.TipoPrazo.DATA_FIXA, data_fixa__isnull=False, quantidade__isnull=True)
                    | Q(
                        tipo_prazo__in=[t for t in prazos.TipoPrazo if t != prazos.TipoPrazo.DATA_FIXA],
                        quantidade__gte=1,
                        data_fixa__isnull=True,
                    )
                ),
                name="acao_parametros_do_prazo",
            ),
        ]

    def __str__(self):
        return f"{self.ordem}. {self.descricao}"

    def clean(self):
        if self.tipo_prazo == self.TipoPrazo.DATA_FIXA:
            if self.data_fixa is None:
                raise ValidationError({"data_fixa": "Informe a data do prazo fixo."})
            if self.quantidade is not None:
                raise ValidationError({"quantidade": "Prazo de data fixa não tem N; deixe em branco."})
        elif self.tipo_prazo:
            if not self.quantidade:
                raise ValidationError({"quantidade": "Informe N (ao menos 1) para este tipo de prazo."})
            if self.data_fixa is not None:
                raise ValidationError({"data_fixa": "Só o prazo de data fixa tem data; deixe em branco."})

    @property
    def prazo(self) -> prazos.Prazo:
        return prazos.Prazo(
            prazos.TipoPrazo(self.tipo_prazo), quantidade=self.quantidade, data=self.data_fixa
        )

    @property
    def recorrente(self) -> bool:
        return self.tipo_prazo == self.TipoPrazo.RECORRENTE


class Ocorrencia(ModeloRestrito):
    """Cada vencimento de uma ação, materializado antecipadamente; atrasada é derivada de `hoje`."""

    Estado = EstadoOcorrencia

    acao = models.ForeignKey(AcaoCronograma, on_delete=models.CASCADE, related_name="ocorrencias")
    ordinal = models.PositiveSmallIntegerField("ocorrência nº", validators=[MinValueValidator(1)])
    vencimento = models.DateField("vencimento")
    estado = models.CharField("estado", max_length=10, choices=Estado.choices, default=Estado.PENDENTE)
    data_conclusao = models.DateField("data de conclusão", null=True, blank=True)
    numero_sei = models.CharField("número SEI", max_length=30, blank=True, validators=[NUMERO_SEI_VALIDATOR])
    link = models.URLField("link da evidência", max_length=500, blank=True)
    observacao = models.TextField(
        "observação", max_length=TEXTO_MAXIMO, validators=[MaxLengthValidator(TEXTO_MAXIMO)], blank=True
    )
    concluida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="concluída por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concluida_em = models.DateTimeField("registrada em", null=True, blank=True)
    motivo_reabertura = models.TextField(
        "motivo da última reabertura",
        max_length=TEXTO_MAXIMO,
        validators=[MaxLengthValidator(TEXTO_MAXIMO)],
        blank=True,
    )
    historico = HistoricalRecords()

    class Meta:
        verbose_name = "ocorrência"
        verbose_name_plural = "ocorrências"
        ordering = ["vencimento", "acao__ordem", "ordinal"]
        constraints = [
            tamanho_maximo("ocorrencia", "observacao", TEXTO_MAXIMO),
            tamanho_maximo("ocorrencia", "motivo_reabertura", TEXTO_MAXIMO),
            models.UniqueConstraint(fields=["acao", "ordinal"], name="ocorrencia_ordinal_unico"),
            models.CheckConstraint(condition=Q(ordinal__gte=1), name="ocorrencia_ordinal_positivo"),
            # concluir exige data e evidência (número SEI ou link); pendente não guarda conclusão
            models.CheckConstraint(
                condition=(
                    Q(estado=EstadoOcorrencia.PENDENTE, data_conclusao__isnull=True)
                    | (
                        Q(estado=EstadoOcorrencia.CONCLUIDA, data_conclusao__isnull=False)
                        & (~Q(numero_sei="") | ~Q(link=""))
                    )
                ),
                name="ocorrencia_conclusao_com_evidencia",
            ),
        ]
        indexes = [models.Index(fields=["estado", "vencimento"], name="ocorrencia_estado_venc")]

    def __str__(self):
        return f"{self.acao.descricao} ({self.ordinal}ª, {self.vencimento:%d/%m/%Y})"

    def get_absolute_url(self):
        return endereco("acordo:ocorrencia", args=[self.pk])

    def clean(self):
        if self.estado == self.Estado.CONCLUIDA:
            if self.data_conclusao is None:
                raise ValidationError({"data_conclusao": "Informe a data de conclusão."})
            erro = prazos.erro_na_data_de_conclusao(
                self.data_conclusao, assinatura=self.acao.acordo.data_assinatura
            )
            if erro:
                raise ValidationError({"data_conclusao": erro})
            if not prazos.tem_evidencia(self.numero_sei, self.link):
                raise ValidationError({"numero_sei": prazos.SEM_EVIDENCIA})
        elif self.data_conclusao is not None:
            raise ValidationError({"data_conclusao": "Ocorrência pendente não tem data de conclusão."})

    def situacao(self, hoje: date) -> prazos.Situacao:
        return prazos.situacao(self.vencimento, self.data_conclusao, hoje)

    @property
    def concluida(self) -> bool:
        return self.estado == self.Estado.CONCLUIDA


class DiaSemExpediente(models.Model):
    """Dia sem expediente além de fins de semana e feriados nacionais (ex.: ponto facultativo decretado)."""

    data = models.DateField("data")
    descricao = models.CharField("motivo", max_length=200)
    historico = HistoricalRecords()

    class Meta:
        verbose_name = "dia sem expediente"
        verbose_name_plural = "dias sem expediente"
        ordering = ["data"]
        constraints = [models.UniqueConstraint(fields=["data"], name="dia_sem_expediente_unico")]

    def __str__(self):
        return f"{self.data:%d/%m/%Y}: {self.descricao}"


class RelatorioAnexado(models.Model):
    """Relatório de monitoramento (mensal) ou de balanço (semestral) gerado pelo sistema e guardado como
    evidência da conclusão de uma ocorrência, com o SHA-256 dos bytes guardados."""

    class Tipo(models.TextChoices):
        MENSAL = "mensal", "Relatório mensal de monitoramento"
        SEMESTRAL = "semestral", "Balanço semestral"

    # CASCADE: só uma ocorrência pendente sai (vigência encurtada); o hash fica no histórico dela
    ocorrencia = models.ForeignKey(Ocorrencia, on_delete=models.CASCADE, related_name="relatorios")
    tipo = models.CharField("tipo", max_length=10, choices=Tipo.choices)
    competencia = models.DateField("mês de referência", help_text="No balanço, o último mês do semestre.")
    nome_arquivo = models.CharField("arquivo", max_length=120)
    conteudo = models.BinaryField("conteúdo")
    sha256 = models.CharField("SHA-256", max_length=64)
    tamanho = models.PositiveIntegerField("tamanho (bytes)")
    gerado_em = models.DateTimeField("gerado em")
    gerado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gerado por", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "relatório anexado"
        verbose_name_plural = "relatórios anexados"
        ordering = ["-gerado_em", "-pk"]
        permissions = [
            (
                "ver_monitoramento",
                "Ver o monitoramento agregado das contratações de nuvem de todos os órgãos",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="relatorio_sha256_hex"),
            models.CheckConstraint(condition=Q(tipo__in=["mensal", "semestral"]), name="relatorio_tipo"),
        ]

    def __str__(self):
        return f"{self.nome_arquivo} (SHA-256 {self.sha256})"

    def get_absolute_url(self):
        return endereco("acordo:relatorio_anexado", args=[self.pk])


class TokenCalendario(models.Model):
    """Segredo do calendário assinável de um usuário: quem tem a URL lê o .ics sem sessão; revogável."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_calendario"
    )
    token = models.CharField("token", max_length=64, unique=True)
    criado_em = models.DateTimeField("criado em", auto_now_add=True)

    class Meta:
        verbose_name = "token do calendário"
        verbose_name_plural = "tokens do calendário"

    def __str__(self):
        return f"Calendário de {self.usuario}"


class LembreteEnviado(models.Model):
    """Um lembrete por ocorrência, tipo e destinatário: rodar o comando de novo não manda outro."""

    class Tipo(models.TextChoices):
        PROXIMO = "proximo", "Vence em até 7 dias"
        ATRASADA = "atrasada", "Atrasada"

    ocorrencia = models.ForeignKey(Ocorrencia, on_delete=models.CASCADE, related_name="lembretes")
    tipo = models.CharField("tipo", max_length=10, choices=Tipo.choices)
    destinatario = models.EmailField("destinatário")
    enviado_em = models.DateTimeField("enviado em")

    class Meta:
        verbose_name = "lembrete enviado"
        verbose_name_plural = "lembretes enviados"
        constraints = [
            models.UniqueConstraint(
                fields=["ocorrencia", "tipo", "destinatario"], name="lembrete_unico_por_tipo_e_destinatario"
            ),
            models.CheckConstraint(condition=Q(tipo__in=["proximo", "atrasada"]), name="lembrete_tipo"),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.ocorrencia} para {self.destinatario}"
