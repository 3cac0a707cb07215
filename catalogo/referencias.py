"""Carga idempotente dos catálogos de exemplo (valores ilustrativos), pelo mesmo código da importação."""

from datetime import date

import tablib

from catalogo import exemplo
from catalogo.models import NivelServico, VersaoCatalogo
from catalogo.services import servicos_importar, versao_transicionar

Situacao = VersaoCatalogo.Situacao


def _dataset(linhas: list[dict]) -> tablib.Dataset:
    cabecalho = list(linhas[0])
    return tablib.Dataset(*[[linha[c] for c in cabecalho] for linha in linhas], headers=cabecalho)


def _carregar_versao(tipo: str, linhas: list[dict]) -> bool:
    """Devolve True se criou a versão; se ela já existe, não mexe (pode ter sido editada ou substituída)."""
    if VersaoCatalogo.objects.filter(tipo=tipo, fornecedor="SERPRO", versao=exemplo.VERSAO_EXEMPLO).exists():
        return False
    versao = VersaoCatalogo(
        tipo=tipo,
        versao=exemplo.VERSAO_EXEMPLO,
        vigencia_inicio=date.fromisoformat(exemplo.VIGENCIA_INICIO),
        valores_ilustrativos=True,
        observacoes=exemplo.OBSERVACOES,
    )
    versao.full_clean()
    versao._change_reason = "Carga do catálogo de exemplo"
    versao.save()
    servicos_importar(versao=versao, dataset=_dataset(linhas))
    nivel = NivelServico(versao=versao, **exemplo.NIVEL_DO_CATALOGO[tipo])
    nivel.full_clean()
    nivel.save()
    versao_transicionar(versao=versao, para=Situacao.EM_ANALISE)
    # só aprova se ainda não houver catálogo vigente (um real importado tem prioridade)
    if not VersaoCatalogo.objects.filter(tipo=tipo, fornecedor="SERPRO", situacao=Situacao.APROVADO).exists():
        versao_transicionar(
            versao=versao,
            para=Situacao.APROVADO,
            data_aprovacao=date.fromisoformat(exemplo.DATA_APROVACAO),
            referencia_sei=exemplo.REFERENCIA_SEI,
        )
    return True


def carregar(*, saida):
    criadas = [
        _carregar_versao(VersaoCatalogo.Tipo.NUVEM, exemplo.linhas_nuvem()),
        _carregar_versao(VersaoCatalogo.Tipo.PROFISSIONAIS, exemplo.linhas_profissionais()),
    ]
    total = VersaoCatalogo.objects.filter(valores_ilustrativos=True).count()
    estado = "carregados" if any(criadas) else "já presentes"
    saida.write(f"Catálogos SERPRO de exemplo (valores ilustrativos) {estado}: {total} versões.")
