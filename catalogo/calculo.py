"""Cálculo das linhas de serviços de nuvem (DESIGN.md §4.3 e §4.7). Sem Django, sem banco, sem relógio."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENTAVO = Decimal("0.01")


def arredondar_centavo(valor: Decimal) -> Decimal:
    """Meio para cima, ao centavo: o mesmo que ROUND(x;2) do Excel/LibreOffice."""
    return valor.quantize(CENTAVO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LinhaNuvem:
    """Um serviço do catálogo numa estimativa: quantidade mensal (pode ser fracionária) × preço unitário."""

    codigo: str
    quantidade: Decimal
    preco_unitario: Decimal

    def __post_init__(self):
        for nome in ("quantidade", "preco_unitario"):
            if not isinstance(getattr(self, nome), Decimal):
                raise TypeError(f"{nome} deve ser Decimal (dinheiro nunca é float).")
        if self.quantidade <= 0:
            raise ValueError("A quantidade deve ser maior que zero.")
        if self.preco_unitario <= 0:
            raise ValueError("O preço unitário deve ser maior que zero.")

    @property
    def valor_mensal(self) -> Decimal:
        # arredonda por linha, como a planilha (=ROUND(qtd*preço;2)); o item soma as linhas já arredondadas
        return arredondar_centavo(self.quantidade * self.preco_unitario)


def valor_mensal_linha(quantidade: Decimal, preco_unitario: Decimal) -> Decimal:
    return LinhaNuvem(codigo="", quantidade=quantidade, preco_unitario=preco_unitario).valor_mensal


# --- comparação entre versões (por código) -----------------------------------------------------------
PERCENTUAL = Decimal("0.01")


@dataclass(frozen=True)
class ItemPreco:
    codigo: str
    nome: str
    unidade: str
    preco: Decimal


@dataclass(frozen=True)
class Alteracao:
    base: ItemPreco
    nova: ItemPreco

    @property
    def variacao_percentual(self) -> Decimal | None:
        """(nova − base) ÷ base × 100, com 2 casas (meio para cima); None se a base for zero."""
        if not self.base.preco:
            return None
        return ((self.nova.preco - self.base.preco) / self.base.preco * 100).quantize(
            PERCENTUAL, rounding=ROUND_HALF_UP
        )

    @property
    def preco_mudou(self) -> bool:
        return self.base.preco != self.nova.preco

    @property
    def unidade_mudou(self) -> bool:
        return self.base.unidade != self.nova.unidade


@dataclass(frozen=True)
class Comparacao:
    alterados: tuple[Alteracao, ...]
    incluidos: tuple[ItemPreco, ...]
    excluidos: tuple[ItemPreco, ...]
    iguais: int

    @property
    def sem_diferencas(self) -> bool:
        return not (self.alterados or self.incluidos or self.excluidos)


def comparar(base: Iterable[ItemPreco], nova: Iterable[ItemPreco]) -> Comparacao:
    """Casa os serviços pelo código: alterados (preço, unidade ou nome), incluídos e excluídos."""
    antes = {item.codigo: item for item in base}
    depois = {item.codigo: item for item in nova}
    alterados, iguais = [], 0
    for codigo in sorted(antes.keys() & depois.keys()):
        a, d = antes[codigo], depois[codigo]
        if (a.preco, a.unidade, a.nome) != (d.preco, d.unidade, d.nome):
            alterados.append(Alteracao(a, d))
        else:
            iguais += 1
    return Comparacao(
        alterados=tuple(alterados),
        incluidos=tuple(depois[c] for c in sorted(depois.keys() - antes.keys())),
        excluidos=tuple(antes[c] for c in sorted(antes.keys() - depois.keys())),
        iguais=iguais,
    )
