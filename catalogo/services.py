"""Escritas do catálogo: cada caso de uso numa transação, validado antes de gravar."""

from datetime import date

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction

from catalogo.models import VersaoCatalogo
from catalogo.resources import ServicoNuvemResource, ServicoProfissionalResource
from core import versoes
from core.importacao import erros_da_importacao

# A trava do ciclo comum, com os nomes de sempre do catálogo.
VersaoNaoEditavel = versoes.VersaoNaoEditavel
exigir_editavel = versoes.exigir_editavel


def versao_transicionar(
    *,
    versao: VersaoCatalogo,
    para: str,
    data_aprovacao: date | None = None,
    referencia_sei: str | None = None,
) -> VersaoCatalogo:
    """Muda a situação pelo fluxo do catálogo (VersaoCatalogo.TRANSICOES); aprovar é publicar.

    Aprovar não mexe na versão em vigor: a nova passa a valer no seu início de vigência (derivado das datas).
    """
    return versoes.transicionar(
        versao,
        para=para,
        data_aprovacao=data_aprovacao,
        referencia_sei=referencia_sei.strip() if referencia_sei is not None else None,
    )


def versao_copiar(*, origem: VersaoCatalogo, versao: str, vigencia_inicio: date) -> VersaoCatalogo:
    """“Nova versão a partir desta”: um rascunho com os mesmos serviços e níveis de serviço."""
    return versoes.nova_versao(origem, versao=versao, vigencia_inicio=vigencia_inicio)


class ImportacaoRecusada(ValidationError):
    """A planilha tem erros: nada foi gravado; `mensagens` nomeia linha e coluna."""

    def __init__(self, mensagens: list[str]):
        super().__init__(mensagens)
        self.mensagens = mensagens


def resource_da_versao(versao: VersaoCatalogo):
    classe = ServicoNuvemResource if versao.e_nuvem else ServicoProfissionalResource
    return classe(versao=versao)


@transaction.atomic
def servicos_importar(*, versao: VersaoCatalogo, dataset: tablib.Dataset, dry_run: bool = False):
    """Importa os serviços de uma planilha para a versão (rascunho): tudo ou nada."""
    resultado = resource_da_versao(versao).import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        rollback_on_validation_errors=True,
        use_transactions=True,
    )
    mensagens = erros_da_importacao(resultado)
    if mensagens:
        raise ImportacaoRecusada(mensagens)
    return resultado
