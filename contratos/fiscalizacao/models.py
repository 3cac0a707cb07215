"""OS em execução: emissão, períodos mensais de fiscalização, equipe alocada e relatórios congelados.

Dados pessoais só os que a verificação precisa (sem CPF nem documento: LGPD), vistos só pelo órgão.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from contratos.campos import campo_senioridade, senioridade_valida
from contratos.fiscalizacao.regras import Alocado
from core.campos import pessoa_responsavel
from core.permissoes import ModeloRestrito
from core.restricoes import TEXTO_MAXIMO, tamanho_maximo

ANOS_EXPERIENCIA_MAXIMO = 60
MENSAGEM_FIM_ANTES = "O fim da alocação não pode ser antes do início."
MENSAGEM_PERFIL_DE_OUTRO_MAPA = "O código não está na versão do mapa da contratação desta OS."
MENSAGEM_COMPETENCIA = "O período é um mês: use o primeiro dia do mês."
MENSAGEM_ANTES_DA_EMISSAO = "O mês não pode ser anterior ao da emissão da OS."


class EmissaoOS(ModeloRestrito):
    """A OS planejada emitida ao contratado: a data de emissão; o número da OS é o mesmo do planejamento."""

    ordem = models.OneToOneField(
        "contratos.OrdemServico", verbose_name="OS", on_delete=models.CASCADE, related_name="emissao"
    )
    data_emissao = models.DateField("data de emissão")
    emitida_por = pessoa_responsavel()

    CAMINHO_ORGAO = "ordem__contratacao__orgao"

    class Meta:
        verbose_name = "emissão de OS"
        verbose_name_plural = "emissões de OS"

    def __str__(self):
        return f"{self.ordem.numero} emitida em {self.data_emissao:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("contratos:fiscalizacao_os", args=[self.ordem_id])


class Avaliacao(models.TextChoices):
    ATENDIDO = "atendido", "Atendido"
    PARCIAL = "parcial", "Parcialmente atendido"
    NAO_ATENDIDO = "nao_atendido", "Não atendido"


class PeriodoFiscalizacao(ModeloRestrito):
    """Um mês de fiscalização da OS emitida, com a avaliação do fiscal (juízo registrado, não calculado)."""

    emissao = models.ForeignKey(EmissaoOS, on_delete=models.CASCADE, related_name="periodos")
    competencia = models.DateField("mês", help_text="Primeiro dia do mês fiscalizado.")
    objetivos = models.CharField("objetivos da OS", max_length=12, choices=Avaliacao, blank=True)
    nota_objetivos = models.TextField("nota sobre os objetivos", max_length=TEXTO_MAXIMO, blank=True)
    produtos = models.CharField("produtos entregues", max_length=12, choices=Avaliacao, blank=True)
    nota_produtos = models.TextField("nota sobre os produtos", max_length=TEXTO_MAXIMO, blank=True)
    prazos = models.CharField("prazos", max_length=12, choices=Avaliacao, blank=True)
    nota_prazos = models.TextField("nota sobre os prazos", max_length=TEXTO_MAXIMO, blank=True)
    fiscal = models.CharField("fiscal técnico", max_length=200, blank=True)

    CAMINHO_ORGAO = "emissao__ordem__contratacao__orgao"

    class Meta:
        verbose_name = "período de fiscalização"
        verbose_name_plural = "períodos de fiscalização"
        ordering = ["emissao", "-competencia"]
        constraints = [
            models.UniqueConstraint(fields=["emissao", "competencia"], name="periodo_mes_unico_na_os"),
            models.CheckConstraint(
                condition=models.Q(competencia__day=1),
                name="periodo_primeiro_dia_do_mes",
                violation_error_message=MENSAGEM_COMPETENCIA,
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{campo}__in": ["", *Avaliacao.values]}),
                    name=f"periodo_{campo}_valida",
                )
                for campo in ("objetivos", "produtos", "prazos")
            ),
            *(
                tamanho_maximo("periodo", campo, TEXTO_MAXIMO)
                for campo in ("nota_objetivos", "nota_produtos", "nota_prazos")
            ),
        ]

    def __str__(self):
        return f"{self.emissao.ordem.numero} – {self.competencia:%m/%Y}"

    def get_absolute_url(self):
        return reverse("contratos:fiscalizacao_periodo", args=[self.pk])

    def clean(self):
        # o banco não cruza tabelas: o mês a partir do da emissão é conferido aqui (formulário e serviço)
        emitida = self.emissao.data_emissao if self.emissao_id else None
        if self.competencia and emitida and self.competencia < emitida.replace(day=1):
            raise ValidationError({"competencia": MENSAGEM_ANTES_DA_EMISSAO})


class ProfissionalAlocado(ModeloRestrito):
    """Profissional que o contratado alocou no período: sem CPF; só nome, perfil, senioridade e formação."""

    periodo = models.ForeignKey(PeriodoFiscalizacao, on_delete=models.CASCADE, related_name="alocados")
    nome = models.CharField("nome", max_length=200)
    perfil = models.ForeignKey(
        "contratos.ValorPerfil", verbose_name="perfil (código)", on_delete=models.PROTECT, related_name="+"
    )
    senioridade = campo_senioridade()
    anos_experiencia = models.PositiveSmallIntegerField("anos de experiência nas atividades do perfil")
    formacao = models.CharField("formação ou qualificação", max_length=300)
    certificado = models.CharField("referência do certificado", max_length=200, blank=True)
    inicio = models.DateField("início da alocação")
    fim = models.DateField("fim da alocação", null=True, blank=True)

    CAMINHO_ORGAO = "periodo__emissao__ordem__contratacao__orgao"

    class Meta:
        verbose_name = "profissional alocado"
        verbose_name_plural = "profissionais alocados"
        ordering = ["periodo", "nome", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fim__isnull=True) | models.Q(fim__gte=models.F("inicio")),
                name="alocado_fim_depois_do_inicio",
                violation_error_message=MENSAGEM_FIM_ANTES,
            ),
            models.CheckConstraint(
                condition=models.Q(anos_experiencia__lte=ANOS_EXPERIENCIA_MAXIMO),
                name="alocado_experiencia_maxima",
            ),
            senioridade_valida("alocado_senioridade_valida"),
        ]

    def __str__(self):
        return f"{self.nome} ({self.perfil.codigo})"

    def clean(self):
        # o banco não cruza tabelas: o perfil da versão do mapa da OS é conferido aqui (formulário e serviço)
        mapa_da_os = self.periodo.emissao.ordem.contratacao.mapa_id if self.periodo_id else None
        if self.perfil_id and mapa_da_os and self.perfil.mapa_id != mapa_da_os:
            raise ValidationError({"perfil": MENSAGEM_PERFIL_DE_OUTRO_MAPA})
        if self.fim and self.inicio and self.fim < self.inicio:
            raise ValidationError({"fim": MENSAGEM_FIM_ANTES})
        if self.anos_experiencia is not None and self.anos_experiencia > ANOS_EXPERIENCIA_MAXIMO:
            raise ValidationError({"anos_experiencia": f"Informe no máximo {ANOS_EXPERIENCIA_MAXIMO} anos."})

    def puro(self) -> Alocado:
        return Alocado(self.nome, self.perfil.codigo, self.senioridade, self.anos_experiencia)


class RelatorioFiscalizacao(ModeloRestrito):
    """Relatório concluído de um período: o conteúdo congelado (versões; nada é reescrito)."""

    periodo = models.ForeignKey(PeriodoFiscalizacao, on_delete=models.CASCADE, related_name="relatorios")
    versao = models.PositiveIntegerField("versão")
    conteudo = models.JSONField("conteúdo congelado")
    concluido_em = models.DateTimeField("concluído em")
    concluido_por = pessoa_responsavel()

    CAMINHO_ORGAO = "periodo__emissao__ordem__contratacao__orgao"

    class Meta:
        verbose_name = "relatório de fiscalização técnica"
        verbose_name_plural = "relatórios de fiscalização técnica"
        ordering = ["periodo", "-versao"]
        constraints = [
            models.UniqueConstraint(fields=["periodo", "versao"], name="relatorio_versao_unica_no_periodo"),
            models.CheckConstraint(condition=models.Q(versao__gte=1), name="relatorio_versao_positiva"),
        ]

    def __str__(self):
        return f"Relatório v{self.versao} – {self.periodo}"

    def get_absolute_url(self):
        return reverse("contratos:fiscalizacao_relatorio", args=[self.pk])
