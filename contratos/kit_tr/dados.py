"""Leitura do kit do TR e da verificação normativa (Django); o registro das exportações é core.exportacoes.

Lê a mesma estimativa da tela (`selectors.resumir_contratacao`) e entrega entradas aos módulos puros.
"""

import hashlib
from datetime import date

from django.urls import reverse

from catalogo import selectors as catalogo_selectors
from contratos import selectors
from contratos.comparacao import mapa_mais_novo
from contratos.estimativa import Estimativa
from contratos.kit_tr import verificacao
from contratos.kit_tr.conteudo import OrdemTR
from contratos.models import Contratacao, MembroEquipe
from core.vigencia import Estado


def impressao(est: Estimativa) -> str:
    """SHA-256 da estimativa (itens, linhas, valores e meses): muda quando qualquer número muda."""
    return hashlib.sha256(repr((est.meses, est.itens)).encode()).hexdigest()


def situacao(
    resumo: selectors.Resumo, *, equipe: list[MembroEquipe], mais_novo, hoje: date
) -> verificacao.Situacao:
    """Entradas da verificação a partir do que a página de detalhe já leu (sem consultas a mais, salvo os
    estados dos catálogos quando há item de catálogo)."""
    c = resumo.contratacao
    estados = {}
    if any(ir.item.e_catalogo for ir in resumo.itens):
        estados = catalogo_selectors.estados_das_versoes(hoje=hoje)
    itens = tuple(
        verificacao.ItemVerificado(
            numero=ir.item.numero,
            descricao=ir.item.descricao,
            e_catalogo=ir.item.e_catalogo,
            url=reverse("contratos:item_nuvem", args=[ir.item.pk])
            if ir.item.e_catalogo
            else ir.item.get_absolute_url(),
            ordens=tuple(
                verificacao.OrdemVerificada(o.ordem.numero, len(o.linhas), o.ordem.get_absolute_url())
                for o in ir.ordens
            ),
            linhas_catalogo=len(ir.linhas_nuvem),
            catalogo_substituido=str(ir.item.catalogo)
            if ir.item.catalogo_id
            and getattr(estados.get(ir.item.catalogo_id), "estado", None) == Estado.SUBSTITUIDA
            else "",
        )
        for ir in resumo.itens
    )
    return verificacao.Situacao(
        url_editar=reverse("contratos:contratacao_editar", args=[c.pk]),
        url_reprecificar=reverse("contratos:contratacao_reprecificar", args=[c.pk]),
        mapa=str(c.mapa),
        mapa_mais_novo=str(mais_novo) if mais_novo else "",
        papeis=frozenset(m.papel for m in equipe),
        uasg=c.uasg or c.orgao.uasg,
        itens=itens,
        fatores_k_alterados=resumo.estimativa.linhas_com_fator_k_alterado(),
    )


def verificar_contratacao(contratacao: Contratacao, *, hoje: date):
    """Resumo da estimativa e os achados da verificação (para as exportações)."""
    resumo = selectors.resumir_contratacao(contratacao)
    equipe = list(contratacao.equipe.all())
    mais_novo = mapa_mais_novo(contratacao, hoje=hoje)
    return resumo, verificacao.verificar(situacao(resumo, equipe=equipe, mais_novo=mais_novo, hoje=hoje))


def ordens_do_tr(contratacao: Contratacao) -> list[OrdemTR]:
    return [
        OrdemTR(o.item.numero, o.numero, o.identificacao, o.objetivo, o.produtos, o.prazo_atendimento)
        for o in contratacao.ordens.select_related("item").order_by("numero", "pk")
    ]


def descricao(contratacao: Contratacao) -> str:
    """O "de quê" do carimbo dos arquivos de uma contratação."""
    return f"Processo {contratacao.numero_processo} ({contratacao.orgao.sigla})"
