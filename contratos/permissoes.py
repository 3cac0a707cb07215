from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE, FISCAL, GESTOR

# Mapa salarial: todos leem; só o Administrador de referências (e superusuários) mantém e importa.
_LER_MAPA = ["contratos.view_mapasalarial", "contratos.view_valorperfil"]
_MANTER_MAPA = [
    f"contratos.{acao}_{modelo}"
    for modelo in ("mapasalarial", "valorperfil")
    for acao in ("view", "add", "change", "delete")
]
# Contratações: a Equipe de planejamento do órgão edita; a Consulta lê (o órgão limita o que cada um vê).
_MODELOS_ESTIMATIVA = ("contratacao", "membroequipe", "item", "ordemservico", "linhaperfil")
_LER_ESTIMATIVA = [f"contratos.view_{modelo}" for modelo in _MODELOS_ESTIMATIVA]
_EDITAR_ESTIMATIVA = [
    f"contratos.{acao}_{modelo}"
    for modelo in _MODELOS_ESTIMATIVA
    for acao in ("view", "add", "change", "delete")
]
# Fiscalização técnica das OS emitidas: a Equipe e o Fiscal do contrato registram; a Consulta lê.
_MODELOS_FISCALIZACAO = ("emissaoos", "periodofiscalizacao", "profissionalalocado", "relatoriofiscalizacao")
_LER_FISCALIZACAO = [f"contratos.view_{modelo}" for modelo in _MODELOS_FISCALIZACAO]
_EDITAR_FISCALIZACAO = [
    f"contratos.{acao}_{modelo}"
    for modelo in _MODELOS_FISCALIZACAO
    for acao in ("view", "add", "change", "delete")
]

# o cartão de contratos no Painel (o mapa vigente e as contratações) só para quem lê o mapa
PAINEL = "contratos.view_mapasalarial"

GRUPOS = {
    ADMINISTRADOR: ["contratos.view_orgao", "contratos.add_orgao", "contratos.change_orgao", *_MANTER_MAPA],
    EQUIPE: ["contratos.view_orgao", *_LER_MAPA, *_EDITAR_ESTIMATIVA, *_EDITAR_FISCALIZACAO],
    CONSULTA: ["contratos.view_orgao", *_LER_MAPA, *_LER_ESTIMATIVA, *_LER_FISCALIZACAO],
    # o fiscal lê a contratação e as OS (sem editá-las) e registra a fiscalização
    FISCAL: ["contratos.view_orgao", *_LER_MAPA, *_LER_ESTIMATIVA, *_EDITAR_FISCALIZACAO],
    ACOMPANHAMENTO: [*_LER_MAPA],
    GESTOR: ["contratos.view_orgao"],  # o Gestor do órgão (contas) vê o órgão que gere
}
