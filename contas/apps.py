from django.apps import AppConfig


class ContasConfig(AppConfig):
    name = "contas"
    verbose_name = "Contas e acessos"

    def ready(self):
        from contas import sinais  # noqa: F401  (auditoria de logins e registro das sessões)
