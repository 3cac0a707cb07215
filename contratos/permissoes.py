from contratos.grupos import ADMINISTRADOR, CONSULTA, EQUIPE

GRUPOS = {
    ADMINISTRADOR: ["contratos.view_orgao", "contratos.add_orgao", "contratos.change_orgao"],
    EQUIPE: ["contratos.view_orgao"],
    CONSULTA: ["contratos.view_orgao"],
}
