"""Níveis de confiabilidade da conta gov.br (bronze < prata < ouro), sem Django."""

BRONZE, PRATA, OURO = "bronze", "prata", "ouro"
ORDEM = (BRONZE, PRATA, OURO)
# O gov.br escreve os níveis em inglês na claim (bronze, silver, gold); aceitamos também em português.
_SINONIMOS = {"bronze": BRONZE, "silver": PRATA, "prata": PRATA, "gold": OURO, "ouro": OURO}


def nivel_das_claims(claims: dict) -> str:
    """O nível da claim `reliability_info.level` (escopo govbr_confiabilidades); "" se ausente."""
    info = claims.get("reliability_info")
    nivel = info.get("level") if isinstance(info, dict) else None
    return _SINONIMOS.get(str(nivel or "").strip().lower(), "")


def atende(nivel: str, minimo: str) -> bool:
    """Sem mínimo, todo nível atende; nível desconhecido nunca atende a um mínimo."""
    if not minimo:
        return True
    if nivel not in ORDEM:
        return False
    return ORDEM.index(nivel) >= ORDEM.index(minimo)
