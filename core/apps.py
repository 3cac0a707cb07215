from django.db.models.signals import post_migrate

from core import registro


class CoreConfig(registro.ConfiguracaoDaArea):
    """A camada de baixo: o que não é domínio (planilhas, formatação pt-BR, registro de grupos, comandos)."""

    name = "core"
    verbose_name = "Núcleo"

    def modulos(self):
        from core import permissoes

        return (permissoes,)

    def ready(self):
        super().ready()
        from core.grupos import sincronizar_grupos

        # Cada migrate reaplica aos grupos as permissões que as áreas registraram (core.registro).
        post_migrate.connect(sincronizar_grupos, dispatch_uid="core.sincronizar_grupos")
