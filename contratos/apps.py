from django.apps import AppConfig


class ContratosConfig(AppConfig):
    name = "contratos"
    verbose_name = "Contratações"

    def ready(self):
        from contratos import exportacoes, permissoes, referencias, selectors
        from core.registro import registrar_area

        registrar_area(
            self.label,
            permissoes=permissoes,
            referencias=referencias,
            selectors=selectors,
            exportacoes=exportacoes,
        )
