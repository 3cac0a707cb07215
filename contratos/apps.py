from core import registro


class ContratosConfig(registro.ConfiguracaoDaArea):
    name = "contratos"
    verbose_name = "Contratações"
