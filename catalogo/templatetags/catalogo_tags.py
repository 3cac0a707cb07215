"""Formatação brasileira de valores, independente do locale do servidor."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _numero_br(valor, casas: int) -> str:
    try:
        numero = Decimal(valor).quantize(Decimal(1).scaleb(-casas))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    texto = f"{numero:,.{casas}f}"  # 1,234.5678
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


@register.filter
def reais(valor, casas=2):
    """R$ 1.234,56 (ou com 4 casas para preços unitários de nuvem: reais:4)."""
    texto = _numero_br(valor, int(casas))
    return f"R$ {texto}" if texto else "—"


@register.filter
def percentual(valor):
    if valor is None:
        return "—"
    texto = _numero_br(valor, 2)
    sinal = "+" if Decimal(valor) > 0 else ""
    return f"{sinal}{texto}%"
