"""Administração do ACT: o Administrador de referências edita acordo, ações, representantes e dias extras.

Mudanças que afetam vencimentos (prazo de uma ação, dias sem expediente) recalculam as ocorrências pendentes
pelo serviço; assinatura e vigência mudam só pela página com prévia (acordo:vigencia).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from acordo import selectors, services
from acordo.models import AcaoCronograma, Acordo, DiaSemExpediente, Ocorrencia, Participe, Representante
from core.historico import HistoricoAdmin, SomenteConsultaMixin


class ParticipeInline(admin.TabularInline):
    model = Participe
    extra = 0


@admin.register(Acordo)
class AcordoAdmin(HistoricoAdmin):
    list_display = ["__str__", "processo_sei", "data_assinatura", "vigencia_meses"]
    readonly_fields = ["numero", "data_assinatura", "vigencia_meses", "alterar_vigencia"]
    fields = ["processo_sei", "objeto", "justificativa", *readonly_fields]
    inlines = [ParticipeInline]

    @admin.display(description="alterar assinatura ou vigência")
    def alterar_vigencia(self, obj):
        return format_html('<a href="{}">Abrir a página com prévia das datas</a>', reverse("acordo:vigencia"))

    def has_add_permission(self, request):
        # um único ACT, carregado do Plano de Trabalho; assinatura e vigência só mudam pela página com prévia
        return False


@admin.register(Representante)
class RepresentanteAdmin(HistoricoAdmin):
    list_display = ["nome", "papel", "participe", "data_designacao", "ativo"]
    list_filter = ["participe", "papel", "ativo"]
    search_fields = ["nome", "email"]


@admin.register(AcaoCronograma)
class AcaoCronogramaAdmin(HistoricoAdmin):
    list_display = ["ordem", "descricao", "prazo_texto", "tipo_prazo", "quantidade", "data_fixa"]
    filter_horizontal = ["responsaveis"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.ocorrencias_sincronizar(acordo=form.instance.acordo, usuario=request.user)


@admin.register(DiaSemExpediente)
class DiaSemExpedienteAdmin(HistoricoAdmin):
    list_display = ["data", "descricao"]

    def _recalcular(self, request):
        acordo = selectors.acordo_atual()
        if acordo is not None:
            services.ocorrencias_sincronizar(acordo=acordo, usuario=request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recalcular(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recalcular(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._recalcular(request)


@admin.register(Ocorrencia)
class OcorrenciaAdmin(SomenteConsultaMixin, HistoricoAdmin):
    """Só leitura: concluir e reabrir passam pelas páginas do cronograma, que exigem evidência e motivo."""

    list_display = ["acao", "ordinal", "vencimento", "estado", "data_conclusao", "numero_sei"]
    list_filter = ["estado", "acao"]
    date_hierarchy = "vencimento"
