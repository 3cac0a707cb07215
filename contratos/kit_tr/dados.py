"""Leitura e gravação do kit do TR, da verificação e do registro de exportações (Django).

Lê a mesma estimativa da tela (`selectors.resumir_contratacao`) e entrega entradas aos módulos puros.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version

from django.db import transaction
from django.urls import reverse

from catalogo import selectors as catalogo_selectors
from contratos import selectors
from contratos.comparacao import mapa_mais_novo
from contratos.estimativa import Estimativa
from contratos.kit_tr import verificacao
from contratos.kit_tr.conteudo import OrdemTR
from contratos.models import Contratacao, Exportacao, MembroEquipe
from core.carimbo import Carimbo, novo_codigo, sha256
from core.vigencia import Estado


def versao_app() -> str:
    try:
        return version("planejatic")
    except PackageNotFoundError:  # rodando do código sem instalar
        return "desenvolvimento"


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


def carimbar(contratacao: Contratacao, *, agora: datetime) -> Carimbo:
    return Carimbo(
        versao_app=versao_app(),
        contratacao=f"Processo {contratacao.numero_processo} ({contratacao.orgao.sigla})",
        mapa=str(contratacao.mapa),
        gerado_em=agora,
        codigo=novo_codigo(),
    )


@transaction.atomic
def exportacao_registrar(
    *, contratacao: Contratacao, tipo: str, conteudo: bytes, carimbo: Carimbo, estimativa: Estimativa, usuario
) -> Exportacao:
    return Exportacao.objects.create(
        contratacao=contratacao,
        tipo=tipo,
        codigo=carimbo.codigo,
        sha256=sha256(conteudo),
        gerado_em=carimbo.gerado_em,
        gerado_por=usuario,
        versao_app=carimbo.versao_app,
        mapa=carimbo.mapa,
        valor_mensal=estimativa.mensal,
        impressao=impressao(estimativa),
    )


@dataclass(frozen=True)
class Conferencia:
    exportacao: Exportacao | None
    estimativa_mudou: bool = False


def conferir(*, usuario, digest: str) -> Conferencia:
    """A exportação com este SHA-256 entre as que o usuário pode ver; fora do escopo é "desconhecido"."""
    exportacao = (
        Exportacao.objects.restringir(usuario)
        .filter(sha256=digest)
        .select_related("contratacao__orgao", "gerado_por")
        .first()
    )
    if exportacao is None:
        return Conferencia(None)
    atual = selectors.resumir_contratacao(exportacao.contratacao).estimativa
    return Conferencia(exportacao, estimativa_mudou=impressao(atual) != exportacao.impressao)
