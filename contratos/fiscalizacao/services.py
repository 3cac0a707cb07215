"""Escritas da fiscalização técnica, cada uma numa transação."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from contratos.fiscalizacao import importacao, selectors
from contratos.fiscalizacao.models import (
    EmissaoOS,
    PeriodoFiscalizacao,
    ProfissionalAlocado,
    RelatorioFiscalizacao,
)


@transaction.atomic
def os_emitir(*, ordem, data_emissao: date, usuario) -> EmissaoOS:
    """Emite a OS planejada: o número é o do planejamento; só a data de emissão é nova."""
    emissao = EmissaoOS(ordem=ordem, data_emissao=data_emissao, emitida_por=usuario)
    emissao.full_clean()
    emissao.save()
    return emissao


@transaction.atomic
def periodo_abrir(*, emissao: EmissaoOS, competencia: date) -> PeriodoFiscalizacao:
    periodo = PeriodoFiscalizacao(emissao=emissao, competencia=competencia.replace(day=1))
    periodo.full_clean()
    periodo.save()
    return periodo


@transaction.atomic
def alocado_salvar(*, alocado: ProfissionalAlocado) -> ProfissionalAlocado:
    alocado.full_clean()
    alocado.save()
    return alocado


@transaction.atomic
def alocado_excluir(*, alocado: ProfissionalAlocado) -> None:
    alocado.delete()


@transaction.atomic
def alocados_importar(*, periodo: PeriodoFiscalizacao, linhas: list[dict]) -> int:
    """Tudo ou nada: confere todas as linhas de novo (a prévia pode ter ficado velha) antes de gravar."""
    forms = importacao.formularios(linhas, periodo=periodo)
    if mensagens := importacao.erros(forms):
        raise ValidationError(mensagens)
    for form in forms:
        form.instance.full_clean()
    return len(ProfissionalAlocado.objects.bulk_create(form.instance for form in forms))


@transaction.atomic
def avaliacao_salvar(*, periodo: PeriodoFiscalizacao) -> PeriodoFiscalizacao:
    periodo.full_clean()
    periodo.save()
    return periodo


@transaction.atomic
def relatorio_concluir(*, periodo: PeriodoFiscalizacao, usuario, agora: datetime) -> RelatorioFiscalizacao:
    """Congela o relatório do período numa nova versão; as anteriores ficam no histórico."""
    # trava o período: duas conclusões ao mesmo tempo não disputam o mesmo número de versão
    PeriodoFiscalizacao.objects.select_for_update().filter(pk=periodo.pk).first()
    ultima = periodo.relatorios.aggregate(maior=Max("versao"))["maior"] or 0
    alocados = list(selectors.ALOCADOS.filter(periodo=periodo))
    return RelatorioFiscalizacao.objects.create(
        periodo=periodo,
        versao=ultima + 1,
        conteudo=selectors.conteudo_do_periodo(periodo, alocados),
        concluido_em=agora,
        concluido_por=usuario,
    )
