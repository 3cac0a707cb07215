from core import registro


class CatalogoConfig(registro.ConfiguracaoDaArea):
    name = "catalogo"
    verbose_name = "Catálogos SERPRO"

    def modulos(self):
        from catalogo import exportacoes, permissoes, referencias, selectors

        return exportacoes, permissoes, referencias, selectors
