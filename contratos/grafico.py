"""Gráfico de custo mensal por perfil desenhado no servidor (SVG): só a geometria, sem Django."""

from dataclasses import dataclass
from decimal import Decimal

ALTURA_BARRA = 28
LARGURA_MAXIMA = 400


@dataclass(frozen=True)
class Barra:
    codigo: str
    valor: Decimal
    largura: int  # em pontos do SVG
    y: int


def barras_por_perfil(pares, *, largura_maxima: int = LARGURA_MAXIMA, altura: int = ALTURA_BARRA):
    """Uma barra por (código, valor), do maior valor para o menor; a maior ocupa `largura_maxima`."""
    ordenados = sorted(pares, key=lambda par: (-par[1], par[0]))
    maior = max((v for _, v in ordenados), default=Decimal(0))
    return [
        Barra(
            codigo=codigo,
            valor=valor,
            largura=max(1, int(valor * largura_maxima / maior)) if maior else 0,
            y=indice * altura,
        )
        for indice, (codigo, valor) in enumerate(ordenados)
    ]


def altura_do_grafico(barras, *, altura: int = ALTURA_BARRA) -> int:
    return max(len(barras), 1) * altura
