"""Regras de cálculo da estimativa (Anexo II da Portaria SGD/MGI nº 1.070/2023, itens 4 a 7).

Sem Django, sem banco, sem relógio: Decimal apenas.
"""

from decimal import ROUND_HALF_UP, Decimal

CENTAVO = Decimal("0.01")


def arredondar_centavo(valor: Decimal) -> Decimal:
    """Arredonda ao centavo, meio para cima (o que ROUND faz no Excel e no LibreOffice)."""
    return valor.quantize(CENTAVO, rounding=ROUND_HALF_UP)


def custo_por_profissional(remuneracao: Decimal, fator_k: Decimal) -> Decimal:
    """Item 6: remuneração × Fator-K, arredondado ao centavo."""
    return arredondar_centavo(remuneracao * fator_k)
