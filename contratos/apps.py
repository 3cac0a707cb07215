from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ContratosConfig(AppConfig):
    name = "contratos"
    verbose_name = "Contratações"

    def ready(self):
        from contratos.grupos import sincronizar_grupos

        # Cada migrate reaplica as permissões declaradas em <app>/permissoes.py aos grupos.
        post_migrate.connect(sincronizar_grupos, dispatch_uid="contratos.sincronizar_grupos")
