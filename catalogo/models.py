"""Catálogos SERPRO de serviços de nuvem de governo e de serviços profissionais (DESIGN.md §4.7)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.permissoes import ModeloRestrito
from core.restricoes import TEXTO_LONGO_MAXIMO, TEXTO_MAXIMO, tamanho_maximo
from core.rotas import endereco
from core.versoes import VersaoDeReferencia, campo_origem


def _texto_longo(rotulo: str) -> models.TextField:
    return models.TextField(
        rotulo, max_length=TEXTO_LONGO_MAXIMO, validators=[MaxLengthValidator(TEXTO_LONGO_MAXIMO)], blank=True
    )


class TipoCatalogo(models.TextChoices):
    NUVEM = "nuvem", "Serviços de nuvem de governo"
    PROFISSIONAIS = "profissionais", "Serviços profissionais"


class SituacaoCatalogo(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    EM_ANALISE = "em_analise", "Em análise pela SGD"
    # Guardado: aprovado. Vigente/substituída/"a partir de" derivam das datas (core.vigencia).
    APROVADO = "aprovado", "Aprovado"
    SUBSTITUIDO = "substituido", "Substituído"  # legado: hoje a substituição é derivada das datas


class VersaoCatalogo(VersaoDeReferencia, ModeloRestrito):
    """Uma versão de um catálogo, elaborada pelo SERPRO e pactuada com a SGD/MGI."""

    Tipo = TipoCatalogo
    Situacao = SituacaoCatalogo

    # Ciclo de vida comum (core.versoes): rascunho → em análise pela SGD → aprovado; a SGD pode devolver ao
    # rascunho. Cada catálogo (tipo e fornecedor) é uma série; aprovada muda só por nova versão.
    CAMPO_VIGENCIA = "vigencia_inicio"
    CAMPOS_SERIE = ("tipo", "fornecedor")
    RASCUNHO = Situacao.RASCUNHO
    EDITAVEIS = (Situacao.RASCUNHO, Situacao.EM_ANALISE)
    PUBLICADAS = (Situacao.APROVADO, Situacao.SUBSTITUIDO)
    TRANSICOES = {
        Situacao.RASCUNHO: (Situacao.EM_ANALISE,),
        Situacao.EM_ANALISE: (Situacao.RASCUNHO, Situacao.APROVADO),
    }
    CAMPOS_COPIADOS = ("tipo", "fornecedor", "valores_ilustrativos", "observacoes")
    LINHAS = {
        "niveis_servico": (),
        "servicos_nuvem": ("niveis_servico",),
        "servicos_profissionais": ("niveis_servico",),
    }

    tipo = models.CharField("catálogo", max_length=20, choices=Tipo.choices)
    fornecedor = models.CharField("fornecedor", max_length=60, default="SERPRO")
    versao = models.CharField("versão", max_length=40, help_text="Rótulo da versão, por exemplo 2025.1.")
    vigencia_inicio = models.DateField("início da vigência")
    vigencia_fim = models.DateField("fim da vigência", null=True, blank=True)
    situacao = models.CharField(
        "situação", max_length=20, choices=Situacao.choices, default=Situacao.RASCUNHO, editable=False
    )
    data_aprovacao = models.DateField("data de aprovação", null=True, blank=True)
    referencia_sei = models.CharField(
        "referência SEI", max_length=80, blank=True, help_text="Processo ou documento SEI da aprovação."
    )
    valores_ilustrativos = models.BooleanField(
        "valores ilustrativos",
        default=False,
        help_text="Marque quando os preços não forem os oficiais (catálogo de exemplo).",
    )
    observacoes = _texto_longo("observações")
    origem = campo_origem("derivadas", editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "versão de catálogo"
        verbose_name_plural = "versões de catálogo"
        ordering = ["tipo", "-vigencia_inicio", "-id"]
        constraints = [
            tamanho_maximo("versaocatalogo", "observacoes", TEXTO_LONGO_MAXIMO),
            models.UniqueConstraint(
                fields=["tipo", "fornecedor", "versao"],
                name="versao_catalogo_unica",
                violation_error_message="Já existe uma versão com este rótulo neste catálogo.",
            ),
            # Uma só vigente por vez: duas aprovadas do mesmo catálogo nunca começam no mesmo dia.
            models.UniqueConstraint(
                fields=["tipo", "fornecedor", "vigencia_inicio"],
                condition=Q(situacao=SituacaoCatalogo.APROVADO),
                name="versao_catalogo_aprovada_inicio_unico",
                violation_error_message=(
                    "Já existe uma versão aprovada deste catálogo com este início de vigência."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tipo__in=TipoCatalogo.values), name="versao_catalogo_tipo_valido"
            ),
            models.CheckConstraint(
                condition=Q(situacao__in=SituacaoCatalogo.values),
                name="versao_catalogo_situacao_valida",
            ),
            # aprovação exige data e referência SEI (também depois de substituída)
            models.CheckConstraint(
                condition=Q(situacao__in=[SituacaoCatalogo.RASCUNHO, SituacaoCatalogo.EM_ANALISE])
                | (Q(data_aprovacao__isnull=False) & ~Q(referencia_sei="")),
                name="versao_catalogo_aprovacao_com_data_e_sei",
            ),
            models.CheckConstraint(
                condition=Q(vigencia_fim__isnull=True) | Q(vigencia_fim__gte=models.F("vigencia_inicio")),
                name="versao_catalogo_vigencia_ordenada",
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.fornecedor} {self.versao} ({self.get_situacao_display()})"

    def get_absolute_url(self):
        return endereco("catalogo:versao", args=[self.pk])

    def rotulo_travada(self) -> str:
        return f"“{self.get_situacao_display()}”"

    @property
    def e_nuvem(self) -> bool:
        return self.tipo == self.Tipo.NUVEM

    def clean(self):
        erros = {}
        if self.situacao in self.PUBLICADAS:
            if not self.data_aprovacao:
                erros["data_aprovacao"] = "Informe a data de aprovação da versão."
            if not self.referencia_sei.strip():
                erros["referencia_sei"] = "Informe a referência SEI da aprovação."
        if self.vigencia_inicio and self.vigencia_fim and self.vigencia_fim < self.vigencia_inicio:
            erros["vigencia_fim"] = "O fim da vigência não pode ser anterior ao início."
        if erros:
            raise ValidationError(erros)


class CategoriaNuvem(models.TextChoices):
    COMPUTACAO = "computacao", "Computação"
    ARMAZENAMENTO = "armazenamento", "Armazenamento"
    REDE = "rede", "Rede"
    BANCO_DE_DADOS = "banco_de_dados", "Banco de dados"
    BACKUP = "backup", "Backup"
    SEGURANCA = "seguranca", "Segurança"


class UnidadeProfissional(models.TextChoices):
    HORA = "hora", "Hora"
    UST = "ust", "UST"
    MES = "mes", "Mês"


def _versao_do_servico(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        VersaoCatalogo, verbose_name="versão do catálogo", on_delete=models.CASCADE, related_name=related_name
    )


def _codigo_unico_na_versao(prefixo: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["versao", "codigo"],
        name=f"{prefixo}_codigo_unico_na_versao",
        violation_error_message="Já existe um serviço com este código nesta versão.",
    )


def _versao_do_tipo(versao, tipo, nome):
    """Um serviço só pertence a uma versão do catálogo do seu tipo (o banco não cruza tabelas)."""
    if versao is not None and versao.tipo != tipo:
        raise ValidationError({"versao": f"Escolha uma versão do catálogo de {nome}."})


class ServicoNuvem(models.Model):
    versao = _versao_do_servico("servicos_nuvem")
    codigo = models.CharField("código", max_length=30)
    nome = models.CharField("nome", max_length=200)
    categoria = models.CharField("categoria", max_length=20, choices=CategoriaNuvem.choices)
    unidade_medida = models.CharField("unidade de medida", max_length=40, help_text="Por exemplo vCPU/hora.")
    preco_unitario = models.DecimalField("preço unitário (R$)", max_digits=18, decimal_places=4)
    descricao = _texto_longo("descrição")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "serviço de nuvem"
        verbose_name_plural = "serviços de nuvem"
        ordering = ["versao", "categoria", "codigo"]
        constraints = [
            tamanho_maximo("serviconuvem", "descricao", TEXTO_LONGO_MAXIMO),
            _codigo_unico_na_versao("servico_nuvem"),
            models.CheckConstraint(condition=Q(preco_unitario__gt=0), name="servico_nuvem_preco_positivo"),
            models.CheckConstraint(
                condition=Q(categoria__in=CategoriaNuvem.values), name="servico_nuvem_categoria_valida"
            ),
            models.CheckConstraint(condition=~Q(unidade_medida=""), name="servico_nuvem_unidade_informada"),
        ]

    def __str__(self):
        return f"{self.codigo} – {self.nome}"

    def clean(self):
        if self.preco_unitario is not None and self.preco_unitario <= Decimal(0):
            raise ValidationError({"preco_unitario": "O preço unitário deve ser maior que zero."})
        if self.versao_id:
            _versao_do_tipo(self.versao, VersaoCatalogo.Tipo.NUVEM, "serviços de nuvem")


class ServicoProfissional(models.Model):
    versao = _versao_do_servico("servicos_profissionais")
    codigo = models.CharField("código", max_length=30)
    nome = models.CharField("nome", max_length=200)
    unidade = models.CharField("unidade", max_length=10, choices=UnidadeProfissional.choices)
    preco = models.DecimalField("preço (R$)", max_digits=14, decimal_places=2)
    descricao = _texto_longo("descrição")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "serviço profissional"
        verbose_name_plural = "serviços profissionais"
        ordering = ["versao", "codigo"]
        constraints = [
            tamanho_maximo("servicoprofissional", "descricao", TEXTO_LONGO_MAXIMO),
            _codigo_unico_na_versao("servico_profissional"),
            models.CheckConstraint(condition=Q(preco__gt=0), name="servico_profissional_preco_positivo"),
            models.CheckConstraint(
                condition=Q(unidade__in=UnidadeProfissional.values),
                name="servico_profissional_unidade_valida",
            ),
        ]

    def __str__(self):
        return f"{self.codigo} – {self.nome}"

    def clean(self):
        if self.preco is not None and self.preco <= Decimal(0):
            raise ValidationError({"preco": "O preço deve ser maior que zero."})
        if self.versao_id:
            _versao_do_tipo(self.versao, VersaoCatalogo.Tipo.PROFISSIONAIS, "serviços profissionais")


def _dono_do_nivel(modelo, rotulo: str) -> models.ForeignKey:
    """Cada dono possível de um nível de serviço; a restrição abaixo exige exatamente um."""
    return models.ForeignKey(
        modelo,
        verbose_name=rotulo,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="niveis_servico",
    )


class NivelServico(models.Model):
    """Nível de serviço de um serviço ou do catálogo inteiro (exatamente um dono)."""

    versao = _dono_do_nivel(VersaoCatalogo, "versão do catálogo")
    servico_nuvem = _dono_do_nivel(ServicoNuvem, "serviço de nuvem")
    servico_profissional = _dono_do_nivel(ServicoProfissional, "serviço profissional")
    indicador = models.CharField("indicador", max_length=200)
    meta = models.CharField("meta", max_length=200)
    forma_medicao = models.TextField(
        "forma de medição", max_length=TEXTO_MAXIMO, validators=[MaxLengthValidator(TEXTO_MAXIMO)]
    )
    faixas_glosa = models.TextField(
        "faixas de glosa", max_length=TEXTO_MAXIMO, validators=[MaxLengthValidator(TEXTO_MAXIMO)], blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nível de serviço"
        verbose_name_plural = "níveis de serviço"
        ordering = ["id"]
        constraints = [
            tamanho_maximo("nivelservico", "forma_medicao", TEXTO_MAXIMO),
            tamanho_maximo("nivelservico", "faixas_glosa", TEXTO_MAXIMO),
            models.CheckConstraint(
                condition=(
                    Q(versao__isnull=False, servico_nuvem__isnull=True, servico_profissional__isnull=True)
                    | Q(versao__isnull=True, servico_nuvem__isnull=False, servico_profissional__isnull=True)
                    | Q(versao__isnull=True, servico_nuvem__isnull=True, servico_profissional__isnull=False)
                ),
                name="nivel_servico_exatamente_um_dono",
            ),
            models.CheckConstraint(condition=~Q(indicador=""), name="nivel_servico_indicador_informado"),
        ]

    def __str__(self):
        return f"{self.indicador}: {self.meta}"

    def clean(self):
        donos = [self.versao_id, self.servico_nuvem_id, self.servico_profissional_id]
        if sum(d is not None for d in donos) != 1:
            raise ValidationError(
                "O nível de serviço pertence a exatamente um: a versão do catálogo ou um serviço."
            )
