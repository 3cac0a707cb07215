from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """A camada de baixo: o que não é domínio (planilhas, formatação pt-BR, registro de grupos, comandos)."""

    name = "core"
    verbose_name = "Núcleo"

    def ready(self):
        from core import permissoes
        from core.grupos import sincronizar_grupos
        from core.registro import registrar_area

        registrar_area(self.label, permissoes=permissoes)

        # Cada migrate reaplica aos grupos as permissões que as áreas registraram (core.registro).
        post_migrate.connect(sincronizar_grupos, dispatch_uid="core.sincronizar_grupos")
