"""Leituras da lista de contratações: a ordem das colunas ordenáveis e o valor mensal de uma página.

O valor mensal ainda não está guardado na contratação: `valores_mensais` o calcula (a mesma função pura do
Anexo A) para várias contratações com um número fixo de consultas; quando o total guardado existir, ela e
`_ordenar_por_valor` viram a leitura do campo."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import QuerySet

from contratos import estimativa
from contratos.models import Contratacao, Item, LinhaNuvem, LinhaPerfil, LinhaProfissional, OrdemServico
from contratos.selectors import _Gravada

# Valor do parâmetro GET `ordem` → campos do order_by (o desempate por pk deixa a paginação estável).
ORDENS = {
    "data": ("atualizada_em", "pk"),
    "-data": ("-atualizada_em", "-pk"),
    "processo": ("numero_processo", "pk"),
    "-processo": ("-numero_processo", "-pk"),
    "valor": None,
    "-valor": None,
}
ORDEM_PADRAO = "-data"


def ordem_valida(pedida: str | None) -> str:
    """A ordem pedida na URL, ou a padrão quando ela não é uma das colunas ordenáveis (nunca erro)."""
    return pedida if pedida in ORDENS else ORDEM_PADRAO


def ordenar(contratacoes: QuerySet[Contratacao], ordem: str) -> QuerySet[Contratacao] | list[Contratacao]:
    campos = ORDENS[ordem_valida(ordem)]
    if campos is None:
        return _ordenar_por_valor(contratacoes, decrescente=ordem.startswith("-"))
    return contratacoes.order_by(*campos)


def _ordenar_por_valor(contratacoes: QuerySet[Contratacao], *, decrescente: bool) -> list[Contratacao]:
    """Sem o total guardado, ordenar pelo valor pede o valor de todas as filtradas (consultas fixas, mas
    todas as linhas na memória): com o campo guardado, vira `order_by("valor_mensal", "pk")`."""
    todas = anotar_valores(list(contratacoes.order_by("pk")))
    return sorted(todas, key=lambda c: c.valor_mensal_lista, reverse=decrescente)


def anotar_valores(contratacoes: list[Contratacao]) -> list[Contratacao]:
    """Põe `valor_mensal_lista` nas que ainda não o têm (a ordem por valor já o calculou para todas)."""
    faltam = [c for c in contratacoes if not hasattr(c, "valor_mensal_lista")]
    if faltam:
        for contratacao, valor in zip(faltam, valores_mensais(faltam).values(), strict=True):
            contratacao.valor_mensal_lista = valor
    return contratacoes


def valores_mensais(contratacoes: list[Contratacao]) -> dict[int, Decimal]:
    """Valor mensal (o do Anexo A) de cada contratação, por pk, em quatro consultas quantas forem elas
    (cinco com item de serviços profissionais)."""
    pks = [c.pk for c in contratacoes]
    gravadas = {pk: _Gravada([], defaultdict(list), defaultdict(list), defaultdict(list)) for pk in pks}
    itens = Item.objects.filter(contratacao__in=pks).select_related("catalogo").order_by("numero")
    por_item = {}
    for item in itens:
        gravadas[item.contratacao_id].itens.append(item)
        por_item[item.pk] = gravadas[item.contratacao_id]
    for ordem in OrdemServico.objects.filter(contratacao__in=pks).order_by("numero", "pk"):
        gravadas[ordem.contratacao_id].ordens_por_item[ordem.item_id].append(ordem)
    perfis = LinhaPerfil.objects.filter(ordem__contratacao__in=pks).select_related("perfil", "ordem")
    for linha in perfis.order_by("pk"):
        gravadas[linha.ordem.contratacao_id].linhas_por_ordem[linha.ordem_id].append(linha)
    modelos = [LinhaNuvem]
    if any(item.tipo == Item.Tipo.PROFISSIONAIS for item in itens):  # uma consulta a mais só quando há
        modelos.append(LinhaProfissional)
    for modelo in modelos:
        for linha in modelo.objects.filter(item__in=list(por_item)).select_related("servico").order_by("pk"):
            por_item[linha.item_id].linhas_por_item[linha.item_id].append(linha)
    return {
        c.pk: estimativa.calcular_estimativa(gravadas[c.pk].puros(), meses=c.meses).mensal
        for c in contratacoes
    }
