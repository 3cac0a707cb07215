"""Valores de atributos por nome: para copiar um registro ou repassar campos homônimos sem repetir
`campo=origem.campo` a cada linha."""


def atributos(origem, *nomes: str) -> dict:
    """`{nome: origem.nome}` para cada nome dado, na ordem dada."""
    return {nome: getattr(origem, nome) for nome in nomes}
