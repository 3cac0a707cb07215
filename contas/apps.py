from core import registro


class ContasConfig(registro.ConfiguracaoDaArea):
    name = "contas"
    verbose_name = "Contas e acessos"

    def modulos(self):
        from contas import permissoes

        return (permissoes,)

    def ready(self):
        super().ready()
        from contas import sinais  # noqa: F401  (auditoria de logins e registro das sessões)
