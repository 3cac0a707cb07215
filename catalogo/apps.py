from core import registro


class CatalogoConfig(registro.ConfiguracaoDaArea):
    name = "catalogo"
    verbose_name = "Catálogos SERPRO"
