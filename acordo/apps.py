from core import registro


class AcordoConfig(registro.ConfiguracaoDaArea):
    name = "acordo"
    verbose_name = "ACT 142/2024"

    def modulos(self):
        from acordo import exportacoes, permissoes, referencias, selectors

        return exportacoes, permissoes, referencias, selectors
