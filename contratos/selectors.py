"""Leituras de contratos (querysets e adaptadores para os módulos puros)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from catalogo import selectors as catalogo_selectors
from catalogo import vigencia
from catalogo.models import CategoriaNuvem, VersaoCatalogo
from contratos import calculo, estimativa
from contratos.anexo_a import CabecalhoAnexoA, PerfilMapa
from contratos.models import (
    Contratacao,
    Item,
    LinhaNuvem,
    LinhaPerfil,
    LinhaProfissional,
    MapaSalarial,
    OrdemServico,
    ValorPerfil,
)


def mapas_para_selecao() -> QuerySet[MapaSalarial]:
    """Versões que se podem consultar, da vigência mais recente para a mais antiga (rascunhos no fim)."""
    return MapaSalarial.objects.annotate(total_perfis=Count("valores")).order_by(
        "situacao", "-data_vigencia", "-pk"
    )


def estados_dos_mapas(*, hoje: date) -> dict[int, vigencia.EstadoVersao]:
    """Estado derivado de cada versão publicada (vigente, "a partir de", substituída), por pk."""
    publicadas = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE)
    return vigencia.estados(publicadas.values_list("pk", "data_vigencia"), hoje=hoje)


def mapa_vigente_id(*, hoje: date) -> int | None:
    publicadas = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE)
    return vigencia.vigente(publicadas.values_list("pk", "data_vigencia"), hoje=hoje)


def mapa_padrao(*, hoje: date) -> MapaSalarial | None:
    """A versão vigente em `hoje` (derivada das datas); na falta, a última publicada."""
    pk = mapa_vigente_id(hoje=hoje)
    if pk is not None:
        return MapaSalarial.objects.get(pk=pk)
    publicadas = MapaSalarial.objects.exclude(situacao=MapaSalarial.Situacao.RASCUNHO)
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


@dataclass(frozen=True)
class Diferenca:
    """Um código nas duas versões: o que mudou, com variação em % (None quando não há base)."""

    codigo: str
    perfil: str
    senioridade: str
    remuneracao_anterior: Decimal
    remuneracao_atual: Decimal
    fator_k_anterior: Decimal
    fator_k_atual: Decimal
    custo_anterior: Decimal
    custo_atual: Decimal

    @property
    def variacao_remuneracao(self):
        return calculo.variacao_percentual(self.remuneracao_anterior, self.remuneracao_atual)

    @property
    def variacao_fator_k(self):
        return calculo.variacao_percentual(self.fator_k_anterior, self.fator_k_atual)

    @property
    def variacao_custo(self):
        return calculo.variacao_percentual(self.custo_anterior, self.custo_atual)

    @property
    def mudou(self) -> bool:
        return (self.remuneracao_anterior, self.fator_k_anterior) != (
            self.remuneracao_atual,
            self.fator_k_atual,
        )


@dataclass(frozen=True)
class Comparacao:
    alterados: list[Diferenca]
    inalterados: list[Diferenca]
    incluidos: list[ValorPerfil]
    excluidos: list[ValorPerfil]


def comparar_mapas(anterior: MapaSalarial, atual: MapaSalarial) -> Comparacao:
    """Compara duas versões pelo código (a noção estável de perfil entre versões)."""
    antes = {v.codigo: v for v in anterior.valores.order_by("pk")}
    depois = {v.codigo: v for v in atual.valores.order_by("pk")}
    alterados, inalterados = [], []
    for codigo, novo in depois.items():
        velho = antes.get(codigo)
        if velho is None:
            continue
        diferenca = Diferenca(
            codigo=codigo,
            perfil=novo.titulo,
            senioridade=novo.get_senioridade_display(),
            remuneracao_anterior=velho.remuneracao,
            remuneracao_atual=novo.remuneracao,
            fator_k_anterior=velho.fator_k,
            fator_k_atual=novo.fator_k,
            custo_anterior=velho.custo_total,
            custo_atual=novo.custo_total,
        )
        (alterados if diferenca.mudou else inalterados).append(diferenca)
    return Comparacao(
        alterados=alterados,
        inalterados=inalterados,
        incluidos=[v for c, v in depois.items() if c not in antes],
        excluidos=[v for c, v in antes.items() if c not in depois],
    )


def painel_contexto(*, usuario, hoje: date) -> dict:
    """Resumo para o Painel: a versão do mapa salarial vigente hoje."""
    mapa = mapa_padrao(hoje=hoje)
    return {
        "mapa": mapa,
        "total_perfis": mapa.valores.count() if mapa else 0,
        **contratacoes_no_painel(usuario),
    }


# --- Estimativa da contratação (DESIGN.md §4.4) ---


def contratacoes_visiveis(usuario) -> QuerySet[Contratacao]:
    """Contratações dos órgãos de que o usuário é membro (superusuário vê todas)."""
    contratacoes = Contratacao.objects.select_related("orgao", "mapa")
    if usuario.is_superuser:
        return contratacoes
    return contratacoes.filter(orgao__membros=usuario)


def contratacoes_listar(
    usuario, *, busca: str = "", situacao: str = "", mapa: MapaSalarial | None = None
) -> QuerySet[Contratacao]:
    contratacoes = contratacoes_visiveis(usuario).annotate(total_itens=Count("itens", distinct=True))
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
    return contratacoes.order_by("-atualizada_em", "-pk")


def mapas_vigentes(*, hoje: date | None = None) -> QuerySet[MapaSalarial]:
    """Só a versão vigente em `hoje` (derivada das datas) precifica uma contratação nova ou reprecificada."""
    pk = mapa_vigente_id(hoje=hoje or timezone.localdate())
    return MapaSalarial.objects.filter(pk=pk).order_by("-data_vigencia", "-pk")


def mapa_mais_novo(contratacao: Contratacao, *, hoje: date) -> MapaSalarial | None:
    """A versão vigente, se for mais nova que a fixada na contratação (aviso "há versão mais nova")."""
    publicadas = {
        m.pk: m
        for m in MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE).only(
            "pk", "nome_ato", "data_vigencia"
        )
    }
    pk = vigencia.vigente([(m.pk, m.data_vigencia) for m in publicadas.values()], hoje=hoje)
    if pk is None or pk == contratacao.mapa_id:
        return None
    fixada = contratacao.mapa.data_vigencia
    if fixada is not None and publicadas[pk].data_vigencia <= fixada:
        return None
    return publicadas[pk]


def ordens_visiveis(usuario) -> QuerySet[OrdemServico]:
    ordens = OrdemServico.objects.select_related("item", "contratacao__orgao", "contratacao__mapa")
    if usuario.is_superuser:
        return ordens
    return ordens.filter(contratacao__orgao__membros=usuario)


def itens_visiveis(usuario) -> QuerySet[Item]:
    itens = Item.objects.select_related("contratacao__orgao", "contratacao__mapa")
    if usuario.is_superuser:
        return itens
    return itens.filter(contratacao__orgao__membros=usuario)


def proximo_numero_os(contratacao: Contratacao, *, hoje: date) -> str:
    numeros = contratacao.ordens.filter(numero__endswith=f"/{hoje:%Y}").values_list("numero", flat=True)
    return calculo.proximo_numero_os(numeros, hoje.year)


def perfis_do_mapa(mapa: MapaSalarial) -> dict[int, ValorPerfil]:
    """Perfis da versão fixada, por pk (uma consulta; os formulários de linha reaproveitam o dicionário)."""
    return {v.pk: v for v in mapa.valores.order_by("pk")}


def linha_pura(linha: LinhaPerfil, numero_os: str) -> estimativa.LinhaPerfil:
    """Adaptador da linha gravada (ou ainda não gravada) para a entrada da função pura."""
    perfil = linha.perfil
    return estimativa.LinhaPerfil(
        ordem_servico=numero_os,
        codigo=perfil.codigo,
        perfil=perfil.perfil,
        senioridade=perfil.get_senioridade_display() if perfil.senioridade else "",
        quantidade=linha.quantidade,
        remuneracao=perfil.remuneracao,
        fator_k_mapa=linha.fator_k_referencia,
        fator_k=linha.fator_k,
        justificativa=linha.justificativa,
    )


@dataclass
class LinhaResumo:
    linha: LinhaPerfil | None  # None: linha incompleta no formulário (fica fora da soma)
    calculo: estimativa.LinhaCalculada | None


@dataclass
class OrdemResumo:
    ordem: OrdemServico
    linhas: list[LinhaResumo]
    mensal: Decimal


@dataclass
class LinhaNuvemResumo:
    linha: LinhaNuvem | None  # None: linha incompleta no formulário (fica fora da soma)
    calculo: estimativa.LinhaNuvemCalculada | None


@dataclass
class ItemResumo:
    item: Item
    ordens: list[OrdemResumo]
    mensal: Decimal
    linhas_nuvem: list[LinhaNuvemResumo] = field(default_factory=list)


@dataclass
class BarraPerfil:
    codigo: str
    valor: Decimal
    largura: int  # em pontos do SVG
    y: int


@dataclass
class Resumo:
    contratacao: Contratacao
    estimativa: estimativa.Estimativa
    itens: list[ItemResumo]

    def item_resumo(self, pk: int) -> ItemResumo | None:
        return next((i for i in self.itens if i.item.pk == pk), None)

    def ordem(self, pk: int) -> OrdemResumo | None:
        return next((o for i in self.itens for o in i.ordens if o.ordem.pk == pk), None)

    def item_da_ordem(self, pk: int) -> ItemResumo | None:
        return next((i for i in self.itens for o in i.ordens if o.ordem.pk == pk), None)

    @property
    def total_linhas(self) -> int:
        return sum(len(o.linhas) for i in self.itens for o in i.ordens)

    def barras(self, *, largura_maxima: int = 400, altura: int = 28) -> list[BarraPerfil]:
        """Gráfico de custo mensal por perfil (SVG desenhado no servidor)."""
        pares = sorted(self.estimativa.mensal_por_perfil(), key=lambda par: (-par[1], par[0]))
        maior = max((v for _, v in pares), default=Decimal(0))
        return [
            BarraPerfil(
                codigo=codigo,
                valor=valor,
                largura=max(1, int(valor * largura_maxima / maior)) if maior else 0,
                y=indice * altura,
            )
            for indice, (codigo, valor) in enumerate(pares)
        ]


def linha_nuvem_pura(linha: LinhaNuvem | LinhaProfissional) -> estimativa.LinhaNuvem:
    """Adaptador da linha de serviço de um item de catálogo (gravada ou não) para a entrada da função pura."""
    servico = linha.servico
    if isinstance(linha, LinhaProfissional):
        categoria, unidade, preco = "Serviço profissional", servico.get_unidade_display(), servico.preco
    else:
        categoria, unidade, preco = (
            servico.get_categoria_display(),
            servico.unidade_medida,
            servico.preco_unitario,
        )
    return estimativa.LinhaNuvem(
        codigo=servico.codigo,
        servico=servico.nome,
        categoria=categoria,
        unidade=unidade,
        quantidade=linha.quantidade,
        preco_unitario=preco,
        observacao=linha.observacao,
    )


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


def resumir_contratacao(
    contratacao: Contratacao,
    *,
    ordem_editada: OrdemServico | None = None,
    linhas_editadas: list[LinhaPerfil | None] | None = None,
    item_nuvem_editado: Item | None = None,
    linhas_nuvem_editadas: list[LinhaNuvem | None] | None = None,
) -> Resumo:
    """Itens, OS e linhas com os valores da função pura `calcular_estimativa` (a mesma do Anexo A).

    Na edição de uma OS, `linhas_editadas` (ainda não gravadas; None = linha incompleta) substituem as
    linhas gravadas dela; na edição das linhas de um item de nuvem, `linhas_nuvem_editadas` fazem o mesmo.
    É assim que os totais mudam ao vivo. Quatro consultas (cinco com item de serviços profissionais),
    qualquer que seja o número de linhas.
    """
    itens = list(contratacao.itens.select_related("catalogo").order_by("numero"))
    ordens = list(contratacao.ordens.order_by("numero", "pk"))
    linhas_por_ordem: dict[int, list] = defaultdict(list)
    for linha in (
        LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil").order_by("pk")
    ):
        linhas_por_ordem[linha.ordem_id].append(linha)
    nuvem_por_item: dict[int, list] = defaultdict(list)
    modelos = [LinhaNuvem]
    if any(item.tipo == Item.Tipo.PROFISSIONAIS for item in itens):  # uma consulta a mais só quando há
        modelos.append(LinhaProfissional)
    for modelo in modelos:
        for linha in (
            modelo.objects.filter(item__contratacao=contratacao).select_related("servico").order_by("pk")
        ):
            nuvem_por_item[linha.item_id].append(linha)
    if ordem_editada is not None and linhas_editadas is not None:
        if ordem_editada.pk not in {o.pk for o in ordens}:
            ordens.append(ordem_editada)
        linhas_por_ordem[ordem_editada.pk] = list(linhas_editadas)
    if item_nuvem_editado is not None and linhas_nuvem_editadas is not None:
        nuvem_por_item[item_nuvem_editado.pk] = list(linhas_nuvem_editadas)
    ordens_por_item: dict[int, list[OrdemServico]] = defaultdict(list)
    for ordem in ordens:
        ordens_por_item[ordem.item_id].append(ordem)

    puros = []
    for item in itens:
        puras = [
            linha_pura(linha, ordem.numero)
            for ordem in ordens_por_item[item.pk]
            for linha in linhas_por_ordem[ordem.pk]
            if linha is not None
        ]
        nuvem = [linha_nuvem_pura(linha) for linha in nuvem_por_item[item.pk] if linha is not None]
        catalogo = item.catalogo
        puros.append(
            estimativa.Item(
                numero=item.numero,
                descricao=item.descricao,
                linhas=tuple(puras),
                tipo=item.tipo,
                linhas_nuvem=tuple(nuvem),
                catalogo=str(catalogo) if catalogo else "",
                catalogo_ilustrativo=bool(catalogo and catalogo.valores_ilustrativos),
            )
        )
    calculada = estimativa.calcular_estimativa(puros, meses=contratacao.meses)

    resumo_itens = []
    for item, item_calculado in zip(itens, calculada.itens, strict=True):
        calculos = iter(item_calculado.linhas)
        resumo_ordens = []
        for ordem in ordens_por_item[item.pk]:
            linhas = [
                LinhaResumo(linha=linha, calculo=next(calculos) if linha is not None else None)
                for linha in linhas_por_ordem[ordem.pk]
            ]
            mensal = sum((lr.calculo.valor_mensal for lr in linhas if lr.calculo), Decimal("0.00"))
            resumo_ordens.append(OrdemResumo(ordem=ordem, linhas=linhas, mensal=mensal))
        calculos_nuvem = iter(item_calculado.linhas_nuvem)
        linhas_nuvem = [
            LinhaNuvemResumo(linha=linha, calculo=next(calculos_nuvem) if linha is not None else None)
            for linha in nuvem_por_item[item.pk]
        ]
        resumo_itens.append(
            ItemResumo(
                item=item,
                ordens=resumo_ordens,
                mensal=item_calculado.subtotal_mensal,
                linhas_nuvem=linhas_nuvem,
            )
        )
    return Resumo(contratacao=contratacao, estimativa=calculada, itens=resumo_itens)


@dataclass(frozen=True)
class DiferencaLinha:
    ordem: str
    codigo: str
    perfil: str
    quantidade: int
    custo_anterior: Decimal
    custo_novo: Decimal | None
    valor_anterior: Decimal
    valor_novo: Decimal | None

    @property
    def variacao(self):
        if self.valor_novo is None:
            return None
        return calculo.variacao_percentual(self.valor_anterior, self.valor_novo)


@dataclass(frozen=True)
class Reprecificacao:
    mapa_novo: MapaSalarial
    linhas: list[DiferencaLinha]
    ausentes: list[str]  # códigos sem correspondente na versão nova (bloqueiam a troca)
    mensal_anterior: Decimal
    mensal_novo: Decimal

    @property
    def variacao(self):
        return calculo.variacao_percentual(self.mensal_anterior, self.mensal_novo)


def fator_k_na_versao(linha: LinhaPerfil, novo: ValorPerfil) -> Decimal:
    """K adotado ao reprecificar: quem usava o K do mapa passa ao K da versão nova; o K justificado fica."""
    return novo.fator_k if linha.fator_k == linha.fator_k_referencia else linha.fator_k


def reprecificacao_prever(contratacao: Contratacao, mapa_novo: MapaSalarial) -> Reprecificacao:
    """Diferença linha a linha entre a versão fixada e `mapa_novo`, pelo código do perfil."""
    novos = {v.codigo: v for v in mapa_novo.valores.all()}
    linhas = LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil", "ordem")
    diferencas, ausentes = [], []
    mensal_anterior = mensal_novo = Decimal("0.00")
    for linha in linhas.order_by("ordem__numero", "pk"):
        antes = estimativa.calcular_linha(linha_pura(linha, linha.ordem.numero))
        mensal_anterior += antes.valor_mensal
        novo = novos.get(linha.perfil.codigo)
        custo_novo = valor_novo = None
        if novo is None:
            ausentes.append(linha.perfil.codigo)
        else:
            custo_novo = calculo.custo_por_profissional(novo.remuneracao, fator_k_na_versao(linha, novo))
            valor_novo = custo_novo * linha.quantidade
            mensal_novo += valor_novo
        diferencas.append(
            DiferencaLinha(
                ordem=linha.ordem.numero,
                codigo=linha.perfil.codigo,
                perfil=linha.perfil.titulo,
                quantidade=linha.quantidade,
                custo_anterior=antes.custo_por_profissional,
                custo_novo=custo_novo,
                valor_anterior=antes.valor_mensal,
                valor_novo=valor_novo,
            )
        )
    return Reprecificacao(
        mapa_novo=mapa_novo,
        linhas=diferencas,
        ausentes=sorted(set(ausentes)),
        mensal_anterior=mensal_anterior,
        mensal_novo=mensal_novo,
    )


@dataclass(frozen=True)
class ImpactoContratacao:
    """Uma contratação precificada com outra versão e o que mudaria se reprecificada com a nova."""

    contratacao: Contratacao
    previsao: Reprecificacao

    @property
    def mensal_atual(self) -> Decimal:
        return self.previsao.mensal_anterior

    @property
    def mensal_novo(self) -> Decimal:
        return self.previsao.mensal_novo

    @property
    def diferenca(self) -> Decimal:
        return self.previsao.mensal_novo - self.previsao.mensal_anterior

    @property
    def variacao(self):
        return self.previsao.variacao


def impacto_nova_versao(mapa_novo: MapaSalarial) -> list[ImpactoContratacao]:
    """Contratações de todos os órgãos fixadas em outra versão, com a diferença mensal se reprecificadas.

    Usa `reprecificacao_prever`, a mesma conta que "Reprecificar" aplica; só totais (sem linhas: orçamento
    sigiloso de cada órgão).
    """
    contratacoes = (
        Contratacao.objects.exclude(mapa=mapa_novo)
        .select_related("orgao", "mapa")
        .order_by("orgao__sigla", "numero_processo", "pk")
    )
    return [ImpactoContratacao(c, reprecificacao_prever(c, mapa_novo)) for c in contratacoes]


def anexo_a_dados(contratacao: Contratacao, *, hoje: date):
    """Entradas do exportador puro: cabeçalho, estimativa (a mesma da tela) e a versão do mapa fixada."""
    resumo = resumir_contratacao(contratacao)
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
            senioridade=v.get_senioridade_display() if v.senioridade else "",
            remuneracao=v.remuneracao,
            fator_k=v.fator_k,
        )
        for v in mapa.valores.order_by("pk")
    ]
    return cabecalho, resumo.estimativa, perfis


PAINEL_CONTRATACOES = 5


def contratacoes_no_painel(usuario) -> dict:
    """As contratações mais recentes do usuário com o valor mensal (no máximo 5: consultas limitadas)."""
    if not usuario.has_perm("contratos.view_contratacao"):
        return {"contratacoes": [], "total_contratacoes": 0}
    visiveis = contratacoes_visiveis(usuario).order_by("-atualizada_em", "-pk")
    recentes = [resumir_contratacao(c) for c in visiveis[:PAINEL_CONTRATACOES]]
    return {"contratacoes": recentes, "total_contratacoes": visiveis.count()}


def linhas_de_catalogo_ate(fim: date) -> list[dict]:
    """Linhas de serviço (nuvem e serviços profissionais) das contratações de todos os órgãos criadas até
    `fim`, só com o que um agregado precisa (sem objeto, processo, descrição nem observação). Duas consultas.

    Serve ao monitoramento do ACT (acordo), que só mostra totais por órgão e categoria (DESIGN.md §4.10)."""
    rotulos = dict(CategoriaNuvem.choices)
    comuns = {
        "orgao": F("item__contratacao__orgao__sigla"),
        "contratacao": F("item__contratacao_id"),
        "criada": TruncDate("item__contratacao__criada_em"),
        "atualizada": TruncDate("item__contratacao__atualizada_em"),
        "codigo": F("servico__codigo"),
        "nome": F("servico__nome"),
    }
    linhas = []
    for modelo, extras in (
        (LinhaNuvem, {"preco": F("servico__preco_unitario"), "categoria": F("servico__categoria")}),
        (LinhaProfissional, {"preco": F("servico__preco")}),
    ):
        consulta = modelo.objects.filter(item__contratacao__criada_em__date__lte=fim)
        for linha in consulta.values("quantidade", **comuns, **extras).order_by("pk"):
            categoria = linha.get("categoria")
            linha["categoria"] = rotulos.get(categoria, categoria) if categoria else None
            linhas.append(linha)
    return linhas
