"""Leituras de contratos (querysets e adaptadores para os módulos puros)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone

from catalogo import selectors as catalogo_selectors
from catalogo.models import VersaoCatalogo
from contratos import calculo, comparacao, estimativa
from contratos.anexo_a import CabecalhoAnexoA, PerfilMapa
from contratos.edicao import simulacao as edicao
from contratos.fiscalizacao.selectors import painel as painel_fiscalizacao
from contratos.models import (
    Contratacao,
    Item,
    LinhaNuvem,
    LinhaProfissional,
    MapaSalarial,
    OrdemServico,
    ValorPerfil,
)
from core import vigencia
from core.consultas import ConsultaCompilada


def mapas_para_selecao() -> QuerySet[MapaSalarial]:
    """Versões que se podem consultar, da vigência mais recente para a mais antiga (rascunhos no fim)."""
    # Sem contar os perfis de cada versão: a lista e o mapa não mostram a contagem, e ela percorria todas as
    # linhas de todos os mapas a cada página (+93 ms com 340 mil linhas, issue 19).
    return MapaSalarial.objects.order_by("situacao", "-data_vigencia", "-pk")


def estados_dos_mapas(*, hoje: date) -> dict[int, vigencia.EstadoVersao]:
    """Estado derivado de cada versão publicada (vigente, "a partir de", substituída), por pk."""
    publicadas = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE)
    return vigencia.estados(publicadas.values_list("pk", "data_vigencia"), hoje=hoje)


def mapa_vigente_id(*, hoje: date) -> int | None:
    publicadas = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE)
    return vigencia.vigente(publicadas.values_list("pk", "data_vigencia"), hoje=hoje)


def mapa_padrao(*, hoje: date, contar_perfis: bool = False) -> MapaSalarial | None:
    """A versão vigente em `hoje` (derivada das datas); na falta, a última publicada. `contar_perfis`:
    com `total_perfis` na mesma consulta."""
    mapas = (
        MapaSalarial.objects.annotate(total_perfis=Count("valores"))
        if contar_perfis
        else MapaSalarial.objects
    )
    pk = mapa_vigente_id(hoje=hoje)
    if pk is not None:
        return mapas.get(pk=pk)
    publicadas = mapas.exclude(situacao=MapaSalarial.Situacao.RASCUNHO)
    return publicadas.order_by("-data_vigencia", "-pk").first()


def familias_do_mapa(mapa: MapaSalarial) -> list[str]:
    codigos = mapa.valores.values_list("codigo", flat=True)
    return sorted({calculo.familia_do_codigo(c) for c in codigos})


def valores_do_mapa(
    mapa: MapaSalarial, *, senioridade: str = "", familia: str = "", busca: str = ""
) -> QuerySet[ValorPerfil]:
    """Linhas da versão filtradas; `senioridade="sem"` traz os perfis sem senioridade (gerentes)."""
    valores = mapa.valores.order_by("pk")
    if senioridade == "sem":
        valores = valores.filter(senioridade="")
    elif senioridade:
        valores = valores.filter(senioridade=senioridade)
    if familia:
        valores = valores.filter(Q(codigo=familia) | Q(codigo__startswith=f"{familia}-"))
    if busca:
        valores = valores.filter(Q(codigo__icontains=busca) | Q(perfil__icontains=busca))
    return valores


def painel_contexto(*, usuario, hoje: date) -> dict:
    """Resumo para o Painel: a versão do mapa salarial vigente hoje e as contratações do usuário.

    As contratações são lidas só quando o modelo as pede (o modelo chama o que é chamável): `_painel.html`
    só as pede a quem pode lê-las. A permissão fica lá, na borda; aqui só se lê."""
    mapa = mapa_padrao(hoje=hoje, contar_perfis=True)
    contratacoes = cache(lambda: contratacoes_no_painel(usuario))
    return {
        "mapa": mapa,
        "total_perfis": mapa.total_perfis if mapa else 0,
        "contratacoes": lambda: contratacoes()["contratacoes"],
        "total_contratacoes": lambda: contratacoes()["total_contratacoes"],
        # lido só se o modelo pedir (quem lê a fiscalização)
        "fiscalizacao": cache(lambda: painel_fiscalizacao(usuario=usuario, hoje=hoje)),
    }


# --- Estimativa da contratação (DESIGN.md §4.4) ---

CONTRATACOES = Contratacao.objects.select_related("orgao", "mapa")
ORDENS = OrdemServico.objects.select_related("item", "contratacao__orgao", "contratacao__mapa")
ITENS = Item.objects.select_related("contratacao__orgao", "contratacao__mapa")


def mapas_vigentes(*, hoje: date | None = None) -> QuerySet[MapaSalarial]:
    """Só a versão vigente em `hoje` (derivada das datas) precifica uma contratação nova ou reprecificada."""
    pk = mapa_vigente_id(hoje=hoje or timezone.localdate())
    return MapaSalarial.objects.filter(pk=pk).order_by("-data_vigencia", "-pk")


def itens_de_perfis(contratacao: Contratacao) -> QuerySet[Item]:
    return contratacao.itens.filter(tipo=Item.Tipo.PERFIS).order_by("numero")


def proximo_numero_item(contratacao: Contratacao) -> int:
    return (contratacao.itens.aggregate(maior=Max("numero"))["maior"] or 0) + 1


def proximo_numero_os(contratacao: Contratacao, *, hoje: date) -> str:
    """O maior número do ano + 1 (nunca a contagem, que repetiria um número depois de uma exclusão).

    O formato é garantido pelo banco ("OS nº " + 3 ou 4 dígitos + "/AAAA"): a sequência é o trecho entre
    o 7º caractere e os 5 finais, comparada como número (1000 > 999)."""
    sequencia = Cast(Substr("numero", 7, Length("numero") - 11), IntegerField())
    maior = contratacao.ordens.filter(numero__endswith=f"/{hoje:%Y}").aggregate(maior=Max(sequencia))
    return calculo.numero_os(sequencia=(maior["maior"] or 0) + 1, ano=hoje.year)


def perfis_do_mapa(mapa: MapaSalarial) -> dict[int, ValorPerfil]:
    """Perfis da versão fixada, por pk (uma consulta; os formulários de linha reaproveitam o dicionário)."""
    return {v.pk: v for v in mapa.valores.order_by("pk")}


def servicos_do_catalogo(item: Item) -> dict:
    """Serviços da versão do catálogo fixada no item, por pk (uma consulta; os formulários reaproveitam)."""
    if not item.catalogo_id:
        return {}
    if item.e_nuvem:
        return {s.pk: s for s in item.catalogo.servicos_nuvem.order_by("categoria", "codigo")}
    return {s.pk: s for s in item.catalogo.servicos_profissionais.order_by("codigo")}


def catalogos_aprovados(tipos=Item.TIPOS_DE_CATALOGO, *, hoje: date | None = None):
    """Só a versão vigente em `hoje` (derivada das datas) de cada catálogo é fixada num item novo."""
    return VersaoCatalogo.objects.filter(
        tipo__in=tipos, pk__in=catalogo_selectors.ids_vigentes(hoje=hoje)
    ).order_by("tipo", "-vigencia_inicio", "-pk")


@dataclass
class LinhaResumo:
    """Uma linha de item de catálogo e o seu cálculo (as de perfil ficam só no cálculo: `OrdemResumo`)."""

    linha: LinhaNuvem | LinhaProfissional
    calculo: estimativa.LinhaNuvemCalculada


@dataclass
class OrdemResumo:
    ordem: OrdemServico
    linhas: list[estimativa.LinhaCalculada]  # a entrada pura (`.linha`) e o cálculo: sem modelo por linha
    mensal: Decimal


@dataclass
class ItemResumo:
    item: Item
    ordens: list[OrdemResumo]
    mensal: Decimal
    linhas_nuvem: list[LinhaResumo] = field(default_factory=list)


@dataclass
class Resumo:
    contratacao: Contratacao
    estimativa: estimativa.Estimativa
    itens: list[ItemResumo]


@dataclass
class _Gravada:
    """A contratação como está no banco: itens, OS e linhas de perfil numa consulta, mais uma por tipo de
    item de catálogo presente (nuvem, serviços profissionais), qualquer que seja o número de linhas."""

    itens: list[Item]
    ordens_por_item: dict[int, list[OrdemServico]]
    linhas_por_ordem: dict[int, list[estimativa.LinhaPerfil]]  # já puras: lidas como valores
    linhas_por_item: dict[int, list]

    def puros(self) -> list[estimativa.Item]:
        """Entradas da função pura."""
        return [
            estimativa.Item(
                numero=item.numero,
                descricao=item.descricao,
                linhas=tuple(
                    linha
                    for ordem in self.ordens_por_item[item.pk]
                    for linha in self.linhas_por_ordem[ordem.pk]
                ),
                tipo=item.tipo,
                linhas_nuvem=tuple(edicao.linha_nuvem_pura(linha) for linha in self.linhas_por_item[item.pk]),
                catalogo=str(item.catalogo) if item.catalogo else "",
                catalogo_ilustrativo=bool(item.catalogo and item.catalogo.valores_ilustrativos),
            )
            for item in self.itens
        ]


# Itens (com a versão de catálogo), OS e linhas de perfil numa consulta, com junções externas: o item sem OS
# e a OS sem linhas vêm com as colunas seguintes nulas. Do item e da versão, todos os campos (como um
# select_related); da OS, só os que o resumo mostra, na ordem do modelo (Model.from_db preenche os adiados
# nessa ordem; os testes de contagem de consultas pegam quem pedir um adiado).
_CAMPOS_ITEM = tuple(campo.attname for campo in Item._meta.concrete_fields)
_CAMPOS_VERSAO = tuple(campo.attname for campo in VersaoCatalogo._meta.concrete_fields)
_CAMPOS_OS = ("id", "item_id", "contratacao_id", "numero", "identificacao")
_PK_ITEM = _CAMPOS_ITEM.index(Item._meta.pk.attname)
_FIM_ITEM = len(_CAMPOS_ITEM)
_FIM_VERSAO = _FIM_ITEM + len(_CAMPOS_VERSAO)
_FIM_OS = _FIM_VERSAO + len(_CAMPOS_OS)
_ITENS_OS_LINHAS = ConsultaCompilada(
    lambda contratacao_pk: (
        Item.objects.filter(contratacao_id=contratacao_pk)
        .order_by("numero", "ordens__numero", "ordens__pk", "ordens__linhas__pk")
        .values_list(
            *_CAMPOS_ITEM,
            *(f"catalogo__{campo}" for campo in _CAMPOS_VERSAO),
            *(f"ordens__{campo}" for campo in _CAMPOS_OS),
            "ordens__linhas__pk",
            *(f"ordens__linhas__{campo}" for campo in edicao.CAMPOS_LINHA_PURA),
        )
    )
)


def _ler(contratacao: Contratacao) -> _Gravada:
    banco = contratacao._state.db
    itens: list[Item] = []
    ordens_por_item: dict[int, list] = defaultdict(list)
    linhas_por_ordem: dict[int, list] = defaultdict(list)
    item = ordem = None
    for fila in _ITENS_OS_LINHAS(contratacao.pk, banco=banco):
        if item is None or item.pk != fila[_PK_ITEM]:
            item = Item.from_db(banco, _CAMPOS_ITEM, fila[:_FIM_ITEM])
            item.contratacao = contratacao  # o que o gerenciador relacionado (contratacao.itens) fazia
            if item.catalogo_id is not None:
                item.catalogo = VersaoCatalogo.from_db(banco, _CAMPOS_VERSAO, fila[_FIM_ITEM:_FIM_VERSAO])
            itens.append(item)
        if fila[_FIM_VERSAO] is None:  # o id da OS (o primeiro de _CAMPOS_OS)
            continue  # item sem OS (os de catálogo não têm)
        if ordem is None or ordem.pk != fila[_FIM_VERSAO]:
            ordem = OrdemServico.from_db(banco, _CAMPOS_OS, fila[_FIM_VERSAO:_FIM_OS])
            ordem.contratacao, ordem.item = contratacao, item
            ordens_por_item[item.pk].append(ordem)
        if fila[_FIM_OS] is not None:  # o pk da linha; nulo na OS sem linhas
            pura = edicao.linha_pura_dos_valores(ordem.numero, *fila[_FIM_OS + 1 :])
            linhas_por_ordem[ordem.pk].append(pura)
    linhas_por_item: dict[int, list] = defaultdict(list)
    tipos = {item.tipo for item in itens}
    for tipo, modelo in ((Item.Tipo.NUVEM, LinhaNuvem), (Item.Tipo.PROFISSIONAIS, LinhaProfissional)):
        if tipo not in tipos:
            continue  # uma consulta só por tipo de item de catálogo presente
        linhas = modelo.objects.filter(item__contratacao=contratacao).select_related("servico")
        for linha in linhas.order_by("pk"):
            linhas_por_item[linha.item_id].append(linha)
    return _Gravada(itens, ordens_por_item, linhas_por_ordem, linhas_por_item)


def resumir_contratacao(contratacao: Contratacao) -> Resumo:
    """Itens, OS e linhas gravados com os valores da função pura `calcular_estimativa` (a do Anexo A)."""
    gravada = _ler(contratacao)
    calculada = estimativa.calcular_estimativa(gravada.puros(), meses=contratacao.meses)
    resumo_itens = []
    for item, item_calculado in zip(gravada.itens, calculada.itens, strict=True):
        calculos = iter(item_calculado.linhas)
        ordens = []
        for ordem in gravada.ordens_por_item[item.pk]:
            linhas = [next(calculos) for _ in gravada.linhas_por_ordem[ordem.pk]]
            mensal = sum((lc.valor_mensal for lc in linhas), Decimal("0.00"))
            ordens.append(OrdemResumo(ordem=ordem, linhas=linhas, mensal=mensal))
        nuvem = [
            LinhaResumo(linha, calculo)
            for linha, calculo in zip(
                gravada.linhas_por_item[item.pk], item_calculado.linhas_nuvem, strict=True
            )
        ]
        resumo_itens.append(
            ItemResumo(item=item, ordens=ordens, mensal=item_calculado.subtotal_mensal, linhas_nuvem=nuvem)
        )
    return Resumo(contratacao=contratacao, estimativa=calculada, itens=resumo_itens)


def impacto_nova_versao(mapa_novo: MapaSalarial) -> list[comparacao.ImpactoContratacao]:
    """Contratações de todos os órgãos fixadas em outra versão, com a diferença mensal se reprecificadas.

    Usa `reprecificacao_prever`, a mesma conta que "Reprecificar" aplica; só totais (sem linhas: orçamento
    sigiloso de cada órgão).
    """
    contratacoes = (
        Contratacao.objects.exclude(mapa=mapa_novo)
        .select_related("orgao", "mapa")
        .order_by("orgao__sigla", "numero_processo", "pk")
    )
    return [
        comparacao.ImpactoContratacao(c, comparacao.reprecificacao_prever(c, mapa_novo)) for c in contratacoes
    ]


def anexo_a_dados(contratacao: Contratacao, *, hoje: date, resumo: Resumo | None = None):
    """Entradas do exportador puro: cabeçalho, estimativa (a mesma da tela) e a versão do mapa fixada."""
    resumo = resumo or resumir_contratacao(contratacao)
    mapa = contratacao.mapa
    ato = mapa.nome_ato + (f" ({mapa.anexo})" if mapa.anexo else "")
    cabecalho = CabecalhoAnexoA(
        orgao=str(contratacao.orgao),
        uasg=contratacao.uasg or contratacao.orgao.uasg,
        processo=contratacao.numero_processo,
        objeto=contratacao.objeto,
        mapa_ato=ato,
        mapa_vigencia=mapa.data_vigencia,
        gerado_em=hoje,
    )
    perfis = [
        PerfilMapa(
            codigo=v.codigo,
            perfil=v.perfil,
            senioridade=calculo.rotulo_senioridade(v.senioridade),
            remuneracao=v.remuneracao,
            fator_k=v.fator_k,
        )
        for v in mapa.valores.order_by("pk")
    ]
    return cabecalho, resumo.estimativa, perfis


PAINEL_CONTRATACOES = 5


@dataclass(frozen=True)
class ResumoPainel:
    contratacao: Contratacao
    estimativa: estimativa.Estimativa  # só os totais (sem itens), do valor mensal guardado
    ilustrativos: bool  # algum item de catálogo usa um catálogo de exemplo


def contratacoes_no_painel(usuario) -> dict:
    """As contratações mais recentes dos órgãos do usuário com o valor mensal guardado pelos serviços
    (`contratos.totais`): duas consultas, qualquer que seja o número de linhas."""
    ilustrativo = Item.objects.filter(contratacao=OuterRef("pk"), catalogo__valores_ilustrativos=True)
    visiveis = CONTRATACOES.restringir(usuario).order_by("-atualizada_em", "-pk")
    recentes = [
        ResumoPainel(c, estimativa.totalizar((), meses=c.meses, mensal=c.valor_mensal), c.ilustrativos)
        for c in visiveis.annotate(ilustrativos=Exists(ilustrativo))[:PAINEL_CONTRATACOES]
    ]
    return {"contratacoes": recentes, "total_contratacoes": visiveis.count()}
