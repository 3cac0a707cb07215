"""Vantajosidade na prorrogação (item 10.8.7): o valor mensal do contrato por item contra os mesmos perfis
das OS reprecificados com a versão vigente do mapa — a mesma conta de "Reprecificar" (comparacao.py)."""

from dataclasses import dataclass
from decimal import Decimal

from contratos import calculo
from contratos.comparacao import Reprecificacao, reprecificacao_prever
from contratos.models import Item, MapaSalarial, OrdemServico


@dataclass(frozen=True)
class ItemVantajosidade:
    numero: int
    descricao: str
    contratado: Decimal | None
    referencia: Decimal | None  # None: algum perfil do item não existe na versão vigente
    ausentes: list[str]

    @property
    def diferenca(self) -> Decimal | None:
        if self.contratado is None or self.referencia is None:
            return None
        return self.contratado - self.referencia

    @property
    def percentual(self) -> Decimal | None:
        """Quanto o contrato está acima (+) ou abaixo (−) da referência, em % da referência."""
        if self.diferenca is None:
            return None
        return calculo.variacao_percentual(self.referencia, self.contratado)


@dataclass(frozen=True)
class Vantajosidade:
    mapa: MapaSalarial
    itens: list[ItemVantajosidade]
    previsao: Reprecificacao

    @property
    def contratado(self) -> Decimal:
        return sum((i.contratado or Decimal("0.00") for i in self.itens), Decimal("0.00"))

    @property
    def referencia(self) -> Decimal:
        return self.previsao.mensal_novo

    @property
    def completa(self) -> bool:
        return all(i.contratado is not None and i.referencia is not None for i in self.itens)

    @property
    def diferenca(self) -> Decimal:
        return self.contratado - self.referencia

    @property
    def percentual(self) -> Decimal | None:
        return calculo.variacao_percentual(self.referencia, self.contratado)


def avaliar(contratacao, *, mapa: MapaSalarial) -> Vantajosidade:
    """Itens de perfis da contratação com o valor contratado e a referência pela versão `mapa`."""
    previsao = reprecificacao_prever(contratacao, mapa)
    item_da_os = dict(
        OrdemServico.objects.filter(contratacao=contratacao).values_list("numero", "item__numero")
    )
    referencia: dict[int, Decimal] = {}
    ausentes: dict[int, list[str]] = {}
    for linha in previsao.linhas:
        numero = item_da_os[linha.ordem]
        if linha.valor_novo is None:
            ausentes.setdefault(numero, []).append(linha.codigo)
        referencia[numero] = referencia.get(numero, Decimal("0.00")) + (linha.valor_novo or 0)
    itens = (
        Item.objects.filter(contratacao=contratacao, tipo=Item.Tipo.PERFIS)
        .select_related("valor_contratado")
        .order_by("numero")
    )
    return Vantajosidade(
        mapa=mapa,
        itens=[
            ItemVantajosidade(
                numero=item.numero,
                descricao=item.descricao,
                contratado=getattr(getattr(item, "valor_contratado", None), "valor_mensal", None),
                referencia=None if item.numero in ausentes else referencia.get(item.numero, Decimal("0.00")),
                ausentes=ausentes.get(item.numero, []),
            )
            for item in itens
        ],
        previsao=previsao,
    )
