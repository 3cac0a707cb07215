from core import registro


class AcordoConfig(registro.ConfiguracaoDaArea):
    name = "acordo"
    verbose_name = "ACT 142/2024"
