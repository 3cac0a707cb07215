"""Leituras dos catálogos (querysets e adaptadores para os módulos puros)."""

from datetime import date

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from catalogo.calculo import Comparacao, ItemPreco, comparar
from catalogo.models import CategoriaNuvem, NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo
from core import versoes as ciclo
from core import vigencia

Situacao = VersaoCatalogo.Situacao


def versoes() -> QuerySet[VersaoCatalogo]:
    return VersaoCatalogo.objects.annotate(
        n_nuvem=Count("servicos_nuvem", distinct=True),
        n_profissionais=Count("servicos_profissionais", distinct=True),
    ).order_by("tipo", "-vigencia_inicio", "-id")


def versoes_visiveis(
    base: QuerySet[VersaoCatalogo] | None = None, *, com_rascunhos: bool
) -> QuerySet[VersaoCatalogo]:
    """Sem `com_rascunhos`, só as versões publicadas; quem pode vê-los a view decide."""
    base = VersaoCatalogo.objects.all() if base is None else base
    if com_rascunhos:
        return base
    return base.exclude(situacao__in=VersaoCatalogo.EDITAVEIS)


def estados_das_versoes(*, hoje: date | None = None) -> dict[int, vigencia.EstadoVersao]:
    """Estado derivado (vigente, "a partir de", substituída) de cada versão aprovada, por pk; uma consulta."""
    return ciclo.estados(VersaoCatalogo, hoje=hoje or timezone.localdate())


def anotar_estados(lista, *, hoje: date | None = None):
    """Põe em cada versão `estado` (EstadoVersao ou None, se não aprovada) para as telas."""
    estados = estados_das_versoes(hoje=hoje)
    for v in lista:
        v.estado = estados.get(v.pk)
    return lista


def versoes_vigentes(*, hoje: date | None = None) -> dict[str, VersaoCatalogo]:
    """A versão vigente de cada catálogo em `hoje` (derivada das datas), por tipo."""
    publicadas = list(versoes().filter(situacao__in=VersaoCatalogo.PUBLICADAS))  # uma consulta
    estados = ciclo.estados_de(publicadas, hoje=hoje or timezone.localdate())
    vigentes = {}
    for v in publicadas:
        if estados[v.pk].vigente:
            v.estado = estados[v.pk]
            vigentes[v.tipo] = v
    return vigentes


def versao_vigente(tipo: str, *, hoje: date | None = None) -> VersaoCatalogo | None:
    return versoes_vigentes(hoje=hoje).get(tipo)


def ids_vigentes(*, hoje: date | None = None) -> list[int]:
    return [pk for pk, e in estados_das_versoes(hoje=hoje).items() if e.vigente]


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
    # Lista, não queryset: com prefetch, o django-import-export pagina de 100 em 100 (duas consultas por
    # página); a planilha inteira já fica na memória, os objetos a mais não pesam.
    return recurso.export(queryset=list(servicos_da_versao(versao).select_related("versao")))


def modelo_em_branco(tipo: str):
    """Dataset só com o cabeçalho da importação do catálogo do tipo, para baixar e preencher."""
    from catalogo.resources import ServicoNuvemResource, ServicoProfissionalResource

    recurso = ServicoNuvemResource() if tipo == VersaoCatalogo.Tipo.NUVEM else ServicoProfissionalResource()
    return recurso.modelo_em_branco()


def painel_contexto(*, usuario, hoje):
    vigentes = versoes_vigentes()
    return {
        "vigentes": [vigentes[t] for t in VersaoCatalogo.Tipo.values if t in vigentes],
        "em_analise": VersaoCatalogo.objects.filter(situacao=Situacao.EM_ANALISE).count(),
        "ilustrativos": any(v.valores_ilustrativos for v in vigentes.values()),
    }
