"""O registro dos arquivos gerados (DESIGN.md §5, carimbo), comum a todas as áreas.

Fica em core porque cada área exporta (o catálogo e o mapa, abaixo de contratos; o ACT, acima) e ninguém
importa para cima: o vínculo com o que o arquivo mostra é genérico (contenttypes) e cada área diz, no
`core.registro`, quem pode ver esse objeto e se os números mudaram desde a geração.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TipoArquivo(models.TextChoices):
    """O vocabulário dos arquivos do produto (como os nomes dos grupos em core.grupos): só os rótulos."""

    ANEXO_A = "anexo_a", "Anexo A (XLSX)"
    KIT_TR = "kit_tr", "Kit do Termo de Referência (DOCX)"
    ANALISE_PROPOSTAS = "analise_propostas", "Análise das propostas (XLSX)"
    VANTAJOSIDADE = "vantajosidade", "Vantajosidade na prorrogação (XLSX)"
    RELATORIO_FISCALIZACAO = "relatorio_fiscalizacao", "Relatório de fiscalização técnica (XLSX)"
    ACT_MENSAL = "act_mensal", "Relatório mensal de monitoramento do ACT (XLSX)"
    ACT_SEMESTRAL = "act_semestral", "Balanço semestral do ACT (XLSX)"
    MAPA_SALARIAL = "mapa_salarial", "Mapa salarial (planilha)"
    CATALOGO = "catalogo", "Catálogo de serviços (planilha)"


class Exportacao(models.Model):
    """Um arquivo gerado: quem, quando, o SHA-256, o código do rodapé e de quê (o objeto de origem)."""

    Tipo = TipoArquivo

    tipo = models.CharField("arquivo", max_length=30, choices=Tipo)
    codigo = models.CharField("código", max_length=9, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    gerado_em = models.DateTimeField("gerado em")
    gerado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gerado por", on_delete=models.SET_NULL, null=True
    )
    versao_app = models.CharField("versão do PlanejaTIC", max_length=30)
    descricao = models.CharField("de quê", max_length=400)  # o mesmo texto do carimbo
    mapa = models.CharField("versão do mapa", max_length=400, blank=True)
    valor_mensal = models.DecimalField(
        "valor mensal na geração", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # SHA-256 dos números na geração (a estimativa, por exemplo): "mudou desde então?"; vazio: não se aplica
    impressao = models.CharField("impressão dos números", max_length=64, blank=True)
    # o objeto de origem (Contratacao, RelatorioFiscalizacao, MapaSalarial, VersaoCatalogo, Acordo)
    tipo_origem = models.ForeignKey(ContentType, verbose_name="tipo da origem", on_delete=models.PROTECT)
    id_origem = models.PositiveBigIntegerField("id da origem")
    origem = GenericForeignKey("tipo_origem", "id_origem")

    class Meta:
        verbose_name = "exportação registrada"
        verbose_name_plural = "exportações registradas"
        ordering = ["-gerado_em", "-pk"]
        indexes = [models.Index(fields=["tipo_origem", "id_origem"], name="arquivo_gerado_origem")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tipo__in=TipoArquivo.values), name="arquivo_gerado_tipo_valido"
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.codigo}"
