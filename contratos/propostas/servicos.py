"""Gravar propostas (tudo ou nada): a proposta e as ofertas de todas as linhas de uma vez."""

from decimal import Decimal

from django.db import transaction

from contratos.propostas import regras
from contratos.propostas.models import LinhaProposta, Proposta, ValorContratado


@transaction.atomic
def proposta_salvar(
    *, proposta: Proposta, ofertas: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]]
) -> Proposta:
    """`ofertas`: pk da linha de perfil → (preço, salário, K). Com salário e K, o preço é derivado deles
    (§4.3); com o preço só, salário e K ficam vazios (o K implícito sai da análise)."""
    proposta.full_clean()
    proposta.save()
    proposta.linhas.all().delete()
    LinhaProposta.objects.bulk_create(
        LinhaProposta(
            proposta=proposta,
            linha_id=linha,
            preco=regras.preco_ofertado(preco=preco, salario=salario, fator_k=fator_k),
            salario=salario if salario is not None and fator_k is not None else None,
            fator_k=fator_k if salario is not None and fator_k is not None else None,
        )
        for linha, (preco, salario, fator_k) in ofertas.items()
    )
    return proposta


@transaction.atomic
def proposta_excluir(*, proposta: Proposta) -> None:
    proposta.delete()


@transaction.atomic
def valores_contratados_salvar(*, valores: dict[int, Decimal | None]) -> None:
    """pk do item → valor mensal contratado; vazio apaga o valor do item."""
    for item, valor in valores.items():
        if valor is None:
            ValorContratado.objects.filter(item_id=item).delete()
        else:
            ValorContratado.objects.update_or_create(item_id=item, defaults={"valor_mensal": valor})
