"""Formatação brasileira: `{{ valor|reais }}` → R$ 1.234,56; `{{ valor|decimal_br }}` → 1.234,56."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _formatar(valor, casas: int = 2) -> str:
    try:
        numero = Decimal(valor)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    texto = f"{numero:,.{casas}f}"  # 1,234.56 → troca os separadores para o padrão brasileiro
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


@register.filter
def reais(valor) -> str:
    """Dinheiro em reais: R$ 1.234,56 (vazio se não houver valor)."""
    if valor is None or valor == "":
        return ""
    texto = _formatar(valor)
    return f"R$ {texto}" if texto else ""


@register.filter
def decimal_br(valor, casas=2) -> str:
    """Número com vírgula decimal e ponto de milhar: 1.234,56."""
    if valor is None or valor == "":
        return ""
    return _formatar(valor, int(casas))


@register.filter
def percentual(valor) -> str:
    """Variação percentual com sinal: +10,00% / -3,33% (travessão se não houver base)."""
    if valor is None:
        return "—"
    texto = _formatar(valor)
    return f"+{texto}%" if Decimal(valor) > 0 else f"{texto}%"
