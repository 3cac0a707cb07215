from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE

_MODELOS = ("versaocatalogo", "serviconuvem", "servicoprofissional", "nivelservico")
_LER = [f"catalogo.view_{m}" for m in _MODELOS]
_MUDAR = [f"catalogo.{acao}_{m}" for m in _MODELOS for acao in ("add", "change", "delete")]

# O cartão do Painel pede a mesma permissão que a página dos catálogos.
PAINEL = "catalogo.view_versaocatalogo"

# Todos leem os catálogos; só o Administrador de referências os altera e importa.
GRUPOS = {
    ADMINISTRADOR: _LER + _MUDAR,
    EQUIPE: _LER,
    ACOMPANHAMENTO: _LER,
    CONSULTA: _LER,
}
