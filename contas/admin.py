from django.contrib import admin

from contas.models import EventoAuditoria, IdentidadeGovbr
from core.historico import SomenteConsultaMixin


class SoLeitura(SomenteConsultaMixin, admin.ModelAdmin):
    pass


@admin.register(EventoAuditoria)
class EventoAuditoriaAdmin(SoLeitura):
    list_display = [
        "quando",
        "tipo",
        "meio",
        "alvo",
        "usuario_informado",
        "ator",
        "orgao",
        "endereco",
        "detalhe",
    ]
    list_filter = ["tipo", "meio", "orgao"]
    date_hierarchy = "quando"
    list_select_related = ["alvo", "ator", "orgao"]


@admin.register(IdentidadeGovbr)
class IdentidadeGovbrAdmin(SoLeitura):
    # O sub (CPF) fica fora da tela, também no admin.
    list_display = ["usuario", "nivel", "ultima_entrada"]
    fields = ["usuario", "nivel", "ultima_entrada"]
    list_select_related = ["usuario"]
