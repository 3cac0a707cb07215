from django.apps import AppConfig


class ContasConfig(AppConfig):
    name = "contas"
    verbose_name = "Contas e acessos"

    def ready(self):
        from contas import permissoes, sinais  # noqa: F401  (sinais: auditoria de logins e registro das sessões)
        from core.registro import registrar_area

        registrar_area(self.label, permissoes=permissoes)
