from core import registro


class ContratosConfig(registro.ConfiguracaoDaArea):
    name = "contratos"
    verbose_name = "Contratações"

    def modulos(self):
        from contratos import exportacoes, permissoes, referencias, selectors

        return exportacoes, permissoes, referencias, selectors
