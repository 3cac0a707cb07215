from django.apps import AppConfig


class CatalogoConfig(AppConfig):
    name = "catalogo"
    verbose_name = "Catálogos SERPRO"

    def ready(self):
        from catalogo import permissoes, referencias, selectors
        from core.registro import registrar_area

        registrar_area(
            self.label,
            grupos=permissoes.GRUPOS,
            carregar_referencias=referencias.carregar,
            painel=selectors.painel_contexto,
            # o cartão e a página dos catálogos pedem a mesma permissão
            permissao_do_painel="catalogo.view_versaocatalogo",
        )
