# Nomes dos grupos como em contratos/grupos.py: o catálogo é a camada de baixo e não importa contratos.
ADMINISTRADOR = "Administrador de referências"
EQUIPE = "Equipe de planejamento"
ACOMPANHAMENTO = "Acompanhamento do ACT"
CONSULTA = "Consulta"

_MODELOS = ("versaocatalogo", "serviconuvem", "servicoprofissional", "nivelservico")
_LER = [f"catalogo.view_{m}" for m in _MODELOS]
_MUDAR = [f"catalogo.{acao}_{m}" for m in _MODELOS for acao in ("add", "change", "delete")]

# Todos leem os catálogos; só o Administrador de referências os altera e importa.
GRUPOS = {
    ADMINISTRADOR: _LER + _MUDAR,
    EQUIPE: _LER,
    ACOMPANHAMENTO: _LER,
    CONSULTA: _LER,
}
