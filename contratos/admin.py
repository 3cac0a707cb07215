from django.contrib import admin

from contratos.models import Orgao


@admin.register(Orgao)
class OrgaoAdmin(admin.ModelAdmin):
    list_display = ["sigla", "nome", "uasg"]
    search_fields = ["sigla", "nome", "uasg"]
    filter_horizontal = ["membros"]
