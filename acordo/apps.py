from django.apps import AppConfig


class AcordoConfig(AppConfig):
    name = "acordo"
    verbose_name = "ACT 142/2024"

    def ready(self):
        from acordo import exportacoes, permissoes, referencias, selectors
        from core.registro import registrar_area

        registrar_area(
            self.label,
            permissoes=permissoes,
            referencias=referencias,
            selectors=selectors,
            exportacoes=exportacoes,
        )
