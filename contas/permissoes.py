from contratos.grupos import GESTOR

# O Gestor do órgão gere as pessoas e os papéis do próprio órgão (o escopo vem da participação no órgão).
GRUPOS = {
    GESTOR: ["contratos.view_orgao", "contas.gerir_pessoas", "contas.view_eventoauditoria"],
}
