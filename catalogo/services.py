"""Escritas do catálogo: cada caso de uso numa transação, validado antes de gravar."""

from datetime import date

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction

from catalogo import vigencia
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo
from catalogo.resources import ServicoNuvemResource, ServicoProfissionalResource
from core.importacao import erros_da_importacao

Situacao = VersaoCatalogo.Situacao

# Fluxo: rascunho → em análise pela SGD → aprovado; a SGD pode devolver ao rascunho. Vigente e substituída
# não são gravadas: derivam das datas de início das aprovadas (catalogo.vigencia).
TRANSICOES: dict[str, tuple[str, ...]] = {
    Situacao.RASCUNHO: (Situacao.EM_ANALISE,),
    Situacao.EM_ANALISE: (Situacao.RASCUNHO, Situacao.APROVADO),
    Situacao.APROVADO: (),
    Situacao.SUBSTITUIDO: (),
}


class VersaoNaoEditavel(ValidationError):
    pass


def exigir_editavel(versao: VersaoCatalogo) -> None:
    """Versão aprovada (ou substituída) não muda no lugar: crie uma nova versão a partir dela."""
    if not versao.editavel:
        raise VersaoNaoEditavel(
            f"A versão {versao.versao} está “{versao.get_situacao_display()}” e não pode ser alterada. "
            "Use “Nova versão a partir desta” para criar um rascunho."
        )


@transaction.atomic
def versao_transicionar(
    *,
    versao: VersaoCatalogo,
    para: str,
    data_aprovacao: date | None = None,
    referencia_sei: str | None = None,
) -> VersaoCatalogo:
    """Muda a situação respeitando o fluxo.

    Aprovar não mexe na versão em vigor: a nova passa a valer no seu início de vigência (derivado das datas).
    """
    versao = VersaoCatalogo.objects.select_for_update().get(pk=versao.pk)
    if para not in TRANSICOES.get(versao.situacao, ()):
        rotulo = Situacao(para).label if para in Situacao.values else para
        raise ValidationError(f"Não é possível passar de “{versao.get_situacao_display()}” para “{rotulo}”.")
    if para == Situacao.APROVADO:
        if data_aprovacao is not None:
            versao.data_aprovacao = data_aprovacao
        if referencia_sei is not None:
            versao.referencia_sei = referencia_sei.strip()
        inicios = (
            VersaoCatalogo.objects.select_for_update()
            .filter(tipo=versao.tipo, fornecedor=versao.fornecedor, situacao__in=VersaoCatalogo.PUBLICADAS)
            .exclude(pk=versao.pk)
            .values_list("vigencia_inicio", flat=True)
        )
        versao.situacao = para
        erros: dict = {}
        try:
            versao.full_clean()
        except ValidationError as erro_modelo:
            erros = erro_modelo.update_error_dict(erros)
        erro = vigencia.erro_de_inicio(versao.vigencia_inicio, list(inicios))
        if erro and not erros.get("vigencia_inicio"):
            erros.setdefault("vigencia_inicio", []).append(erro)
        if erros:
            raise ValidationError(erros)
    else:
        versao.situacao = para
        versao.full_clean()
    versao._change_reason = f"Situação: {versao.get_situacao_display()}"
    versao.save()
    return versao


@transaction.atomic
def versao_copiar(*, origem: VersaoCatalogo, versao: str, vigencia_inicio: date) -> VersaoCatalogo:
    """“Nova versão a partir desta”: um rascunho com os mesmos serviços e níveis de serviço."""
    nova = VersaoCatalogo(
        tipo=origem.tipo,
        fornecedor=origem.fornecedor,
        versao=versao,
        vigencia_inicio=vigencia_inicio,
        valores_ilustrativos=origem.valores_ilustrativos,
        observacoes=origem.observacoes,
        origem=origem,
    )
    nova.full_clean()
    nova._change_reason = f"Copiada da versão {origem.versao}"
    nova.save()

    niveis = []
    for nivel in origem.niveis_servico.all():
        niveis.append(_copiar_nivel(nivel, versao=nova))
    for servico in origem.servicos_nuvem.prefetch_related("niveis_servico"):
        copia = ServicoNuvem.objects.create(
            versao=nova,
            codigo=servico.codigo,
            nome=servico.nome,
            categoria=servico.categoria,
            unidade_medida=servico.unidade_medida,
            preco_unitario=servico.preco_unitario,
            descricao=servico.descricao,
        )
        niveis += [_copiar_nivel(n, servico_nuvem=copia) for n in servico.niveis_servico.all()]
    for servico in origem.servicos_profissionais.prefetch_related("niveis_servico"):
        copia = ServicoProfissional.objects.create(
            versao=nova,
            codigo=servico.codigo,
            nome=servico.nome,
            unidade=servico.unidade,
            preco=servico.preco,
            descricao=servico.descricao,
        )
        niveis += [_copiar_nivel(n, servico_profissional=copia) for n in servico.niveis_servico.all()]
    for nivel in niveis:
        nivel.save()
    return nova


def _copiar_nivel(nivel: NivelServico, **dono) -> NivelServico:
    return NivelServico(
        indicador=nivel.indicador,
        meta=nivel.meta,
        forma_medicao=nivel.forma_medicao,
        faixas_glosa=nivel.faixas_glosa,
        **dono,
    )


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
