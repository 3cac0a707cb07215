"""Histórico do admin só para consulta.

Reverter pelo histórico grava o estado antigo sem passar pelas regras de edição (versões travadas, permissões
de quem altera), então o botão fica oculto e o POST é recusado em todo modelo com histórico.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

MENSAGEM_REVERTER = (
    "Reverter pelo histórico está desativado: o histórico serve para consulta. "
    "Para mudar o registro, edite-o (ou crie uma nova versão) pelas telas de edição."
)


class HistoricoAdmin(SimpleHistoryAdmin):
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied(MENSAGEM_REVERTER)
        return super().history_form_view(request, object_id, version_id, extra_context)


class SomenteConsultaMixin:
    """Registros que o aplicativo escreve (ocorrências, auditoria): no admin, só consulta."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
