from django.apps import AppConfig


class CatalogoConfig(AppConfig):
    name = "catalogo"
    verbose_name = "Catálogos SERPRO"

    def ready(self):
        from catalogo import exportacoes, permissoes, referencias, selectors
        from core.registro import registrar_area

        registrar_area(
            self.label,
            permissoes=permissoes,
            referencias=referencias,
            selectors=selectors,
            exportacoes=exportacoes,
        )
