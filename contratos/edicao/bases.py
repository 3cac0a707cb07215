"""Leituras da edição de linhas (selector do caminho descrito em `contratos/edicao/__init__.py`): as linhas
gravadas da OS ou do item de catálogo e a base dos totais ao vivo pelos totais guardados
(`contratos/totais.py`), sem reler o resto da contratação."""

from decimal import Decimal

from contratos.edicao import simulacao as edicao
from contratos.models import Contratacao, Item, LinhaPerfil, OrdemServico


def base_da_ordem(
    contratacao: Contratacao, ordem: OrdemServico, *, item_id: int | None, com_linhas: bool = True
) -> tuple[edicao.BaseGuardada, list[LinhaPerfil]]:
    """A base dos totais ao vivo da OS pelos totais guardados (sem o valor gravado desta OS, cujas linhas
    entram no item `item_id`) e as linhas gravadas dela (o formulário parte delas e as reaproveita ao
    salvar). Só as linhas desta OS são lidas, qualquer que seja o tamanho da contratação; nem elas sem
    `com_linhas` (o total ao vivo, que não grava nada, calcula só as linhas enviadas)."""
    gravadas = list(ordem.linhas.select_related("perfil").order_by("pk")) if ordem.pk and com_linhas else []
    guardado = ordem.valor_mensal if ordem.pk else Decimal("0.00")
    fora = contratacao.valor_mensal - guardado
    if ordem.item_id is not None and ordem.item_id == item_id:  # o item já lido com a OS
        item = (ordem.item.numero, ordem.item.valor_mensal)
    else:
        item = contratacao.itens.filter(pk=item_id).values_list("numero", "valor_mensal").first()
    if item is None:
        return edicao.BaseGuardada(meses=contratacao.meses, mensal_fora=fora), gravadas
    numero, valor = item
    item_fora = valor - guardado if ordem.pk and ordem.item_id == item_id else valor
    base = edicao.BaseGuardada(contratacao.meses, fora, item_numero=numero, item_fora=item_fora)
    return base, gravadas


def base_do_item(item: Item, *, com_linhas: bool = True) -> tuple[edicao.BaseGuardada, list]:
    """A base dos totais ao vivo das linhas do item de catálogo (pelos totais guardados), e as linhas
    gravadas dele (não lidas sem `com_linhas`, como em `base_da_ordem`)."""
    gravadas = list(item.linhas_de_catalogo.select_related("servico").order_by("pk")) if com_linhas else []
    fora = item.contratacao.valor_mensal - item.valor_mensal
    base = edicao.BaseGuardada(item.contratacao.meses, fora, item_numero=item.numero, catalogo=True)
    return base, gravadas
