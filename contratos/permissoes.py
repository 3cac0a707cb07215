from contratos.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE

# Mapa salarial: todos leem; só o Administrador de referências (e superusuários) mantém e importa.
_LER_MAPA = ["contratos.view_mapasalarial", "contratos.view_valorperfil"]
_MANTER_MAPA = [
    f"contratos.{acao}_{modelo}"
    for modelo in ("mapasalarial", "valorperfil")
    for acao in ("view", "add", "change", "delete")
]

GRUPOS = {
    ADMINISTRADOR: ["contratos.view_orgao", "contratos.add_orgao", "contratos.change_orgao", *_MANTER_MAPA],
    EQUIPE: ["contratos.view_orgao", *_LER_MAPA],
    CONSULTA: ["contratos.view_orgao", *_LER_MAPA],
    ACOMPANHAMENTO: [*_LER_MAPA],
}
