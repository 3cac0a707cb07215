from core.grupos import GESTOR

# O Gestor do órgão gere as pessoas e os papéis do próprio órgão (o escopo vem da participação no órgão);
# ler os órgãos ele recebe de contratos/permissoes.py (cada área só concede as próprias permissões).
GRUPOS = {
    GESTOR: ["contas.gerir_pessoas", "contas.view_eventoauditoria"],
}
