"""Números e dinheiro em pt-BR, sem Django: um arredondamento, uma formatação e um parser para o projeto.

- `arredondar`: meio para cima, como o ROUND do Excel/LibreOffice (DESIGN.md §4.3); 1.234,565 → 1.234,57.
- `formatar_numero` / `formatar_reais`: 1.234,57 / R$ 1.234,57, independentes do locale do servidor. O filtro
  `reais` dos templates (core/templatetags/reais.py) usa a mesma função.
- `decimal_br`: "1.234,56", "1234,56", "1234.56" ou R$ 1.234,56 → Decimal; o que não é número → ValueError
  com a mensagem em português (planilhas, formulários e regras do domínio usam o mesmo).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# 1.234,56 ← 1,234.56: os separadores do formato do Python trocados pelos brasileiros
_SEPARADORES_BR = str.maketrans(",.", ".,")


_QUANTA = {casas: Decimal(1).scaleb(-casas) for casas in range(9)}
_FORMATOS = {casas: f",.{casas}f" for casas in range(9)}


def quantum(casas: int) -> Decimal:
    return _QUANTA.get(casas) or Decimal(1).scaleb(-casas)


def arredondar(valor: Decimal, casas: int = 2) -> Decimal:
    """Meio para cima nas `casas` pedidas; sem "-0,00" (o zero negativo vira zero)."""
    arredondado = valor.quantize(quantum(casas), rounding=ROUND_HALF_UP)
    return arredondado if arredondado else abs(arredondado)


def formatar_numero(valor, casas: int = 2) -> str:
    """1234.565 → '1.234,57' (ponto de milhar, vírgula decimal, meio para cima).

    Chamada ~600 vezes por página de detalhe: sem reconverter o que já é Decimal nem remontar o formato."""
    numero = valor if type(valor) is Decimal else Decimal(valor)
    formato = _FORMATOS.get(casas) or f",.{casas}f"
    return format(arredondar(numero, casas), formato).translate(_SEPARADORES_BR)


def formatar_reais(valor, casas: int = 2) -> str:
    """Dinheiro: R$ 1.234,57 (preços unitários de nuvem com casas=4)."""
    return f"R$ {formatar_numero(valor, casas)}"


def decimal_br(valor, casas: int | None = 2) -> Decimal | None:
    """Converte '5.075,52', '5075,52', '5075.52', 'R$ 5.075,52', 5075.52 ou Decimal em Decimal.

    Com `casas`, devolve o número com exatamente essas casas e recusa quem tem mais (não arredonda o que a
    pessoa digitou); com casas=None, devolve o número como veio. Vazio vira None. Texto que não é número,
    infinito ou grande demais levanta ValueError com a mensagem em português.
    """
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, bool):
        raise ValueError("Informe um número, não verdadeiro/falso.")
    if isinstance(valor, Decimal):
        numero = valor
    elif isinstance(valor, int):
        numero = Decimal(valor)
    elif isinstance(valor, float):
        numero = Decimal(repr(valor))  # repr evita a cauda binária do float (5075.52, não 5075.5199...)
    else:
        texto = str(valor).strip().replace("R$", "").replace("\u00a0", "").replace(" ", "")
        if "," in texto:  # vírgula decimal: os pontos são de milhar
            texto = texto.replace(".", "").replace(",", ".")
        elif texto.count(".") > 1:  # 1.234.567: só pontos de milhar
            texto = texto.replace(".", "")
        try:
            numero = Decimal(texto)
        except InvalidOperation:
            raise ValueError(f"“{str(valor)[:40]}” não é um número (use, por exemplo, 5.075,52).") from None
    if not numero.is_finite():
        raise ValueError(f"“{str(valor)[:40]}” não é um número.")
    if casas is None:
        return numero
    try:
        arredondado = numero.quantize(quantum(casas))
    except InvalidOperation:
        raise ValueError(f"“{str(valor)[:40]}” é grande demais.") from None
    if arredondado != numero:
        raise ValueError(f"“{valor}” tem mais de {casas} casas decimais.")
    return arredondado
