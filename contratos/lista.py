"""Lista de contratações (só leitura), ordenável e paginada em dois passos para escalar com o número de
contratações.

Issue 19, 10 mil contratações no PostgreSQL: os pks da página saem do índice (atualizada_em DESC, id DESC),
sem juntar nem contar, e só as contratações da página são lidas, com os itens contados nelas. Contar na
consulta da lista agrupava todas antes do LIMIT (48 ms); uma subconsulta correlacionada por linha rodava
também nas linhas que o OFFSET pula (109 ms na página 500).
"""

from django.db.models import Count, Q, QuerySet

from contratos.models import Contratacao, MapaSalarial
from contratos.selectors import CONTRATACOES

# Valor do parâmetro GET `ordem` → campos do order_by (o desempate por pk deixa a paginação estável). O valor
# é o total mensal guardado na contratação (contratos/totais.py), o mesmo do Anexo A.
ORDENS = {
    "data": ("atualizada_em", "pk"),
    "-data": ("-atualizada_em", "-pk"),
    "processo": ("numero_processo", "pk"),
    "-processo": ("-numero_processo", "-pk"),
    "valor": ("valor_mensal", "pk"),
    "-valor": ("-valor_mensal", "-pk"),
}
ORDEM_PADRAO = "-data"


def ordem_valida(pedida: str | None) -> str:
    """A ordem pedida na URL, ou a padrão quando ela não é uma das colunas ordenáveis (nunca erro)."""
    return pedida if pedida in ORDENS else ORDEM_PADRAO


def contratacoes_listar(
    usuario,
    *,
    ordem: str = ORDEM_PADRAO,
    busca: str = "",
    situacao: str = "",
    mapa: MapaSalarial | None = None,
) -> QuerySet[Contratacao]:
    contratacoes = Contratacao.objects.restringir(usuario)
    if busca:
        contratacoes = contratacoes.filter(
            Q(objeto__icontains=busca)
            | Q(numero_processo__icontains=busca)
            | Q(orgao__sigla__icontains=busca)
        )
    if situacao:
        contratacoes = contratacoes.filter(situacao=situacao)
    if mapa is not None:
        contratacoes = contratacoes.filter(mapa=mapa)
    return contratacoes.order_by(*ORDENS[ordem_valida(ordem)])


def contratacoes_da_pagina(pks: list[int]) -> list[Contratacao]:
    """As contratações de uma página (pks na ordem da lista), com os itens contados só nelas."""
    por_pk = CONTRATACOES.filter(pk__in=pks).annotate(total_itens=Count("itens")).in_bulk()
    return [por_pk[pk] for pk in pks]
