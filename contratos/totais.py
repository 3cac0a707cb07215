"""Os valores mensais guardados na OS, no item e na contratação, gravados só pelos serviços.

Cada escrita que muda linhas chama `gravar` dentro da sua transação: as OS e os itens de catálogo tocados
são recalculados linha a linha pela função pura (`estimativa.calcular_item`, a do Anexo A); os itens de
perfis e a contratação somam (`estimativa.somar`) os subtotais guardados, o que dá o mesmo centavo.
"""

from collections import defaultdict
from collections.abc import Iterable

from contratos import estimativa
from contratos.edicao.simulacao import linha_nuvem_pura, linha_pura
from contratos.models import Contratacao, Item, LinhaNuvem, LinhaPerfil, LinhaProfissional, OrdemServico


def _mensal_das_ordens(ordens: list[int]) -> dict[int, object]:
    linhas: dict[int, list] = {pk: [] for pk in ordens}
    for linha in LinhaPerfil.objects.filter(ordem_id__in=ordens).select_related("perfil").order_by("pk"):
        linhas[linha.ordem_id].append(linha_pura(linha, ""))
    return {pk: estimativa.subtotal_mensal(puras) for pk, puras in linhas.items()}


def _mensal_dos_itens_de_catalogo(itens: list[int]) -> dict[int, object]:
    linhas: dict[int, list] = {pk: [] for pk in itens}
    for modelo in (LinhaNuvem, LinhaProfissional):
        for linha in modelo.objects.filter(item_id__in=itens).select_related("servico").order_by("pk"):
            linhas[linha.item_id].append(linha_nuvem_pura(linha))
    return {pk: estimativa.subtotal_mensal(linhas_nuvem=puras) for pk, puras in linhas.items()}


def gravar(*, contratacao_id: int, ordens: Iterable[int] = (), itens: Iterable[int] = (), todos=False):
    """Grava o valor mensal das `ordens` e dos `itens` de catálogo dados (pk; `todos`: os da contratação
    inteira), de todos os itens de perfis e da contratação. Chame depois de gravar as linhas, na mesma
    transação do serviço."""
    lista = list(Item.objects.filter(contratacao_id=contratacao_id).only("pk", "tipo", "valor_mensal"))
    ordens, itens = set(ordens), set(itens)
    catalogo = {i.pk for i in lista if i.e_catalogo and (todos or i.pk in itens)}
    if todos:
        ordens = set(OrdemServico.objects.filter(contratacao_id=contratacao_id).values_list("pk", flat=True))
    novas = _mensal_das_ordens(sorted(ordens)) if ordens else {}
    OrdemServico.objects.bulk_update(
        [OrdemServico(pk=pk, valor_mensal=valor) for pk, valor in novas.items()], ["valor_mensal"]
    )
    por_item: dict[int, list] = defaultdict(list)
    for item_id, valor in OrdemServico.objects.filter(contratacao_id=contratacao_id).values_list(
        "item_id", "valor_mensal"
    ):
        por_item[item_id].append(valor)
    de_catalogo = _mensal_dos_itens_de_catalogo(sorted(catalogo)) if catalogo else {}
    for item in lista:
        if item.e_catalogo:
            item.valor_mensal = de_catalogo.get(item.pk, item.valor_mensal)
        else:
            item.valor_mensal = estimativa.somar(por_item[item.pk])
    Item.objects.bulk_update(lista, ["valor_mensal"])
    mensal = estimativa.somar(item.valor_mensal for item in lista)
    Contratacao.objects.filter(pk=contratacao_id).update(valor_mensal=mensal)
