"""Leituras dos catálogos (querysets e adaptadores para os módulos puros)."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When

from catalogo.calculo import Comparacao, ItemPreco, comparar
from catalogo.models import CategoriaNuvem, NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo

Situacao = VersaoCatalogo.Situacao


def versoes() -> QuerySet[VersaoCatalogo]:
    return VersaoCatalogo.objects.annotate(
        n_nuvem=Count("servicos_nuvem", distinct=True),
        n_profissionais=Count("servicos_profissionais", distinct=True),
    ).order_by("tipo", "-vigencia_inicio", "-id")


def versoes_visiveis(usuario, base: QuerySet[VersaoCatalogo] | None = None) -> QuerySet[VersaoCatalogo]:
    """Rascunhos e versões em análise só para quem mantém os catálogos (a mesma regra do mapa salarial)."""
    base = VersaoCatalogo.objects.all() if base is None else base
    if usuario.has_perm("catalogo.change_versaocatalogo"):
        return base
    return base.exclude(situacao__in=VersaoCatalogo.EDITAVEIS)


def versoes_vigentes() -> dict[str, VersaoCatalogo]:
    """A versão aprovada (vigente) de cada catálogo, por tipo."""
    return {v.tipo: v for v in versoes().filter(situacao=Situacao.APROVADO)}


def versao_vigente(tipo: str) -> VersaoCatalogo | None:
    return VersaoCatalogo.objects.filter(tipo=tipo, situacao=Situacao.APROVADO).first()


def niveis_da_versao(versao: VersaoCatalogo) -> list[NivelServico]:
    return list(NivelServico.objects.filter(versao=versao))


def servicos_da_versao(versao: VersaoCatalogo, *, busca: str = "", categoria: str = "") -> QuerySet:
    """Serviços da versão com seus níveis de serviço (uma consulta a mais, qualquer que seja o total)."""
    modelo = ServicoNuvem if versao.e_nuvem else ServicoProfissional
    qs = modelo.objects.filter(versao=versao).prefetch_related(
        Prefetch("niveis_servico", queryset=NivelServico.objects.order_by("id"))
    )
    if busca:
        qs = qs.filter(Q(codigo__icontains=busca) | Q(nome__icontains=busca) | Q(descricao__icontains=busca))
    if versao.e_nuvem:
        if categoria in CategoriaNuvem.values:
            qs = qs.filter(categoria=categoria)
        # ordem das categorias como no catálogo (computação primeiro), não alfabética
        ordem = Case(*(When(categoria=c, then=Value(i)) for i, c in enumerate(CategoriaNuvem.values)))
        return qs.order_by(ordem, "codigo")
    return qs.order_by("codigo")


def _itens(versao: VersaoCatalogo) -> list[ItemPreco]:
    if versao.e_nuvem:
        linhas = ServicoNuvem.objects.filter(versao=versao).values_list(
            "codigo", "nome", "unidade_medida", "preco_unitario"
        )
    else:
        linhas = ServicoProfissional.objects.filter(versao=versao).values_list(
            "codigo", "nome", "unidade", "preco"
        )
    return [ItemPreco(codigo=c, nome=n, unidade=u, preco=p) for c, n, u, p in linhas]


def comparar_versoes(base: VersaoCatalogo, nova: VersaoCatalogo) -> Comparacao:
    return comparar(_itens(base), _itens(nova))


def planilha_da_versao(versao: VersaoCatalogo):
    """Dataset (tablib) com os serviços da versão nas colunas da importação; reimportável."""
    from catalogo.resources import ServicoNuvemResource, ServicoProfissionalResource

    recurso = ServicoNuvemResource() if versao.e_nuvem else ServicoProfissionalResource()
    return recurso.export(queryset=servicos_da_versao(versao).select_related("versao"))


def painel_contexto(*, usuario, hoje):
    vigentes = versoes_vigentes()
    return {
        "vigentes": [vigentes[t] for t in VersaoCatalogo.Tipo.values if t in vigentes],
        "em_analise": VersaoCatalogo.objects.filter(situacao=Situacao.EM_ANALISE).count(),
        "ilustrativos": any(v.valores_ilustrativos for v in vigentes.values()),
    }
