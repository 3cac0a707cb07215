"""Páginas do mapa salarial: consulta, exportação e comparação de versões (toda pessoa com um perfil)."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from contratos import selectors
from contratos.comparacao import comparar_mapas
from contratos.forms import CompararMapasForm, FiltroMapaForm
from contratos.models import MapaSalarial
from contratos.resources import ValorPerfilResource
from core import exportacoes
from core.models import Exportacao

POR_PAGINA = 50
PERM_LER_MAPA = "contratos.view_mapasalarial"
PERM_MANTER_MAPA = "contratos.change_mapasalarial"
ler_mapa = permission_required(PERM_LER_MAPA, raise_exception=True)


def versoes_visiveis(usuario):
    """Rascunhos só para quem mantém o mapa; os demais veem versões publicadas."""
    versoes = selectors.mapas_para_selecao()
    if not usuario.has_perm(PERM_MANTER_MAPA):
        versoes = versoes.exclude(situacao=MapaSalarial.Situacao.RASCUNHO)
    return versoes


def _versao_pedida(versoes, valor, *, padrao):
    if not valor:
        return padrao
    try:
        return versoes.get(pk=int(valor))
    except (ValueError, MapaSalarial.DoesNotExist):
        raise Http404("Versão do mapa salarial não encontrada.") from None


@ler_mapa
def mapa(request):
    hoje = timezone.localdate()
    versoes = versoes_visiveis(request.user)
    atual = _versao_pedida(versoes, request.GET.get("versao"), padrao=selectors.mapa_padrao(hoje=hoje))
    if atual is None:
        return render(request, "contratos/mapa.html", {"mapa": None})
    form = FiltroMapaForm(
        request.GET or None,
        versoes=versoes,
        familias=selectors.familias_do_mapa(atual),
        initial={"versao": atual.pk},
    )
    filtros = {}
    if form.is_bound and form.is_valid():
        filtros = {k: form.cleaned_data[k] for k in ("senioridade", "familia", "busca")}
    filtros = {k: v for k, v in filtros.items() if v}
    valores = selectors.valores_do_mapa(atual, **filtros)
    pagina = Paginator(valores, POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "contratos/mapa.html",
        {
            "mapa": atual,
            "estado": selectors.estados_dos_mapas(hoje=hoje).get(atual.pk),
            "form": form,
            "pagina": pagina,
            "filtrando": bool(filtros),
            "parametros": urlencode({"versao": atual.pk, **filtros}),
            "pode_administrar": request.user.has_perm(PERM_MANTER_MAPA),
        },
    )


@ler_mapa
def mapa_exportar(request, pk, formato):
    """Planilha de uma versão no formato que a importação aceita (exportar → importar devolve o mesmo)."""
    versao = _versao_pedida(versoes_visiveis(request.user), pk, padrao=None)
    dados = ValorPerfilResource(mapa=versao).export(queryset=versao.valores.order_by("pk"))
    nome = f"mapa-salarial-{versao.pk}-{(versao.numero or 'rascunho').replace('/', '-').replace('.', '')}"
    return exportacoes.exportar_tabela(
        request,
        dados,
        formato,
        tipo=Exportacao.Tipo.MAPA_SALARIAL,
        origem=versao,
        descricao=f"Mapa salarial {versao}",
        nome=nome,
    )


@ler_mapa
def mapa_modelo(request, formato):
    """A planilha vazia, só com o cabeçalho, os formatos e as larguras que a importação espera."""
    return exportacoes.baixar_modelo(
        ValorPerfilResource().modelo_em_branco(), formato, nome="modelo-mapa-salarial"
    )


@ler_mapa
def mapa_comparar(request):
    versoes = versoes_visiveis(request.user)
    hoje = timezone.localdate()
    inicial = {}
    padrao = selectors.mapa_padrao(hoje=hoje)
    if padrao is not None:
        anterior = padrao.origem or versoes.exclude(pk=padrao.pk).first()
        inicial = {"atual": padrao.pk, "anterior": anterior.pk if anterior else None}
    form = CompararMapasForm(request.GET or None, versoes=versoes, initial=inicial)
    comparacao = None
    if form.is_bound and form.is_valid():
        comparacao = comparar_mapas(form.cleaned_data["anterior"], form.cleaned_data["atual"])
    return render(
        request,
        "contratos/mapa_comparar.html",
        {
            "form": form,
            "comparacao": comparacao,
            "anterior": form.cleaned_data.get("anterior") if comparacao else None,
            "atual": form.cleaned_data.get("atual") if comparacao else None,
            "poucas_versoes": versoes.count() < 2,
        },
    )
