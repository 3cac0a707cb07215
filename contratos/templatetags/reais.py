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


@register.filter
def quantidade_br(valor) -> str:
    """Quantidade fracionária sem zeros à direita: 1,5 (não 1,5000); 2 (não 2,0000)."""
    if valor is None or valor == "":
        return ""
    try:
        numero = Decimal(valor).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return ""
    casas = max(0, -numero.as_tuple().exponent)
    return _formatar(numero, casas)
