"""Páginas que editam linhas: a OS planejada (perfis) e o item de catálogo (serviços).

Cada view autoriza, liga o formulário, simula ou salva e responde; o caminho das linhas está descrito em
`contratos/edicao/__init__.py`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from contratos import selectors, services
from contratos.edicao import bases
from contratos.edicao.formularios import (
    LinhasAoVivoFormSet,
    LinhasFormSet,
    LinhasNuvemAoVivoFormSet,
    LinhasNuvemFormSet,
    inteiro,
    inteiros,
)
from contratos.edicao.simulacao import puras, simular_sobre_guardados
from contratos.estimativa import REGRA_UM_PROFISSIONAL
from contratos.forms import OrdemServicoForm
from contratos.models import OrdemServico, PapelEquipe
from contratos.views import (
    MOTIVO_SO_CONSULTA,
    PERM_EDITAR,
    PERM_EXCLUIR,
    PERM_LER,
    conflito,
    erros_no_form,
    motivo,
)
from core.permissoes import objeto_ou_404


def _autorizar(request, queryset, pk, permissao):
    return objeto_ou_404(request.user, queryset, permissao=permissao, motivo=motivo(request.user), pk=pk)


# --- OS planejada: dados da OS e linhas de perfil ---


def _edicao_os(contratacao, ordem, dados=None, *, mostrar_erros=False, ao_vivo=False) -> dict:
    """Liga o formulário da OS e o formset das linhas e simula os totais; nada é gravado aqui.

    `ao_vivo`: só os totais (htmx). As linhas são validadas com as mesmas regras sem montar campos para
    desenhar, e as gravadas não são lidas (nada se grava): 500 linhas a cada tecla."""
    itens = selectors.itens_de_perfis(contratacao)
    form = None if ao_vivo else OrdemServicoForm(dados, instance=ordem, contratacao=contratacao, itens=itens)
    item_id = ordem.item_id
    if dados is not None and (escolhido := inteiro(dados.get("item", ""))) in {i.pk for i in itens}:
        item_id = escolhido  # os totais acompanham o item escolhido antes de salvar
    base, gravadas = bases.base_da_ordem(contratacao, ordem, item_id=item_id, com_linhas=not ao_vivo)
    perfis = selectors.perfis_do_mapa(contratacao.mapa)
    if dados is None:
        formset = LinhasFormSet(initial=LinhasFormSet.iniciais(gravadas), perfis=perfis)
        linhas = gravadas or [None]
    else:
        formset = (LinhasAoVivoFormSet if ao_vivo else LinhasFormSet)(dados, perfis=perfis)
        linhas = formset.linhas(existentes={linha.pk: linha for linha in gravadas})
    simulacao = simular_sobre_guardados(base, puras(linhas, ordem.numero))
    sufixo = f"?os={ordem.pk}&" if ordem.pk else "?"
    return {
        "contratacao": contratacao,
        "ordem": ordem,
        "form": form,
        "formset": formset,
        "simulacao": simulacao,
        "linhas": list(zip(formset.forms, simulacao.linhas, strict=False)),
        "novas": [linha for linha in linhas if linha is not None],
        "mostrar_erros": mostrar_erros,
        "url_calcular": reverse("contratos:os_calcular", args=[contratacao.pk]) + sufixo,
        "url_linhas": reverse("contratos:os_linhas", args=[contratacao.pk]) + sufixo,
    }


def _os_form(request, contratacao, ordem):
    if request.method != "POST":
        return render(request, "contratos/os_form.html", _edicao_os(contratacao, ordem))
    contexto = _edicao_os(contratacao, ordem, request.POST, mostrar_erros=True)
    form, formset = contexto["form"], contexto["formset"]
    if form.is_valid() and formset.is_valid():
        try:
            ordem = services.ordem_servico_salvar(
                ordem=form.instance, linhas=contexto["novas"], usuario=request.user
            )
        except ValidationError as erro:
            contexto["conflito"] = erros_no_form(form, erro)
        else:
            messages.success(request, f"{ordem.numero} salva.")
            return redirect(f"{contratacao.get_absolute_url()}#os-{ordem.pk}")
    return render(request, "contratos/os_form.html", contexto)


def os_criar(request, pk):
    contratacao = _autorizar(request, selectors.CONTRATACOES, pk, PERM_EDITAR)
    itens = list(selectors.itens_de_perfis(contratacao))
    if not itens:
        messages.info(request, "Crie um item de perfis profissionais antes de planejar uma Ordem de Serviço.")
        return redirect("contratos:item_criar", contratacao.pk)
    pedido = request.GET.get("item", "")
    item = next((i for i in itens if str(i.pk) == pedido), itens[0])
    numero = selectors.proximo_numero_os(contratacao, hoje=timezone.localdate())
    ordem = OrdemServico(contratacao=contratacao, item=item, numero=numero)
    return _os_form(request, contratacao, ordem)


def os_editar(request, pk):
    ordem = _autorizar(request, selectors.ORDENS, pk, PERM_LER)
    if not request.user.has_perm(PERM_EDITAR):
        if request.method == "POST":
            raise PermissionDenied(MOTIVO_SO_CONSULTA)
        return redirect("contratos:os_imprimir", ordem.pk)
    return _os_form(request, ordem.contratacao, ordem)


def _ordem_do_pedido(request, contratacao):
    """A OS em edição (parâmetro ?os=) ou uma nova, ainda não gravada."""
    pedido = request.GET.get("os", "")
    if pedido:
        pk = inteiro(pedido)
        if pk is None:
            raise Http404("OS não encontrada.")
        return get_object_or_404(OrdemServico.objects.select_related("item"), pk=pk, contratacao=contratacao)
    return OrdemServico(contratacao=contratacao)


@require_POST
def os_calcular(request, pk):
    """Totais ao vivo (htmx): a OS, o item e a contratação, e o custo, o valor e o motivo das linhas
    `alteradas` (os índices que o script envia; sem eles, de todas), sem gravar nada."""
    contratacao = _autorizar(request, selectors.CONTRATACOES, pk, PERM_EDITAR)
    contexto = _edicao_os(contratacao, _ordem_do_pedido(request, contratacao), request.POST, ao_vivo=True)
    alteradas = inteiros(request.POST.get("alteradas"))
    return render(request, "contratos/os_form.html#totais", {**contexto, "oob": True, "alteradas": alteradas})


@require_POST
def os_linhas(request, pk):
    """Inclui (acao=adicionar) ou tira (acao=remover&indice=N) uma linha; grava só ao salvar a OS."""
    contratacao = _autorizar(request, selectors.CONTRATACOES, pk, PERM_EDITAR)
    ordem = _ordem_do_pedido(request, contratacao)
    dados, aviso = LinhasFormSet.remontar(
        request.POST, acao=request.GET.get("acao", ""), indice=request.GET.get("indice", "")
    )
    contexto = _edicao_os(contratacao, ordem, dados)
    return render(request, "contratos/os_form.html#tabela", {**contexto, "aviso": aviso})


@require_POST
def os_excluir(request, pk):
    ordem = _autorizar(request, selectors.ORDENS, pk, PERM_EXCLUIR)
    contratacao = ordem.contratacao
    services.ordem_servico_excluir(ordem=ordem)
    messages.success(request, f"{ordem.numero} excluída.")
    return redirect(contratacao)


def os_imprimir(request, pk):
    ordem = _autorizar(request, selectors.ORDENS, pk, PERM_LER)
    perfis = {}  # um perfil aparece uma vez, mesmo repetido em linhas (a OS exige perfis, não quantidades)
    for linha in ordem.linhas.select_related("perfil").order_by("pk"):
        perfis.setdefault(linha.perfil.codigo, linha.perfil)
    return render(
        request,
        "contratos/os_imprimir.html",
        {
            "ordem": ordem,
            "contratacao": ordem.contratacao,
            "perfis": list(perfis.values()),
            "regra": REGRA_UM_PROFISSIONAL,
            "pode_editar": request.user.has_perm(PERM_EDITAR),
            "emitida_em": timezone.localdate(),
            # os campos de assinatura: a equipe de planejamento (ou os três papéis em branco)
            "assinaturas": list(ordem.contratacao.equipe.order_by("papel", "pk"))
            or [{"get_papel_display": rotulo} for _, rotulo in PapelEquipe.choices],
        },
    )


# --- Item de catálogo: linhas de serviço (o mesmo caminho das linhas da OS) ---


def _edicao_item(item, dados=None, *, mostrar_erros=False, ao_vivo=False) -> dict:
    """Liga o formset das linhas do item de catálogo e simula os totais; nada é gravado aqui. `ao_vivo`:
    só os totais, como em `_edicao_os`.

    `versao` é a versão do item lida quando a página abriu (trava otimista): volta no campo oculto, mesmo
    depois de um erro, para que o salvamento seguinte ainda perceba a alteração de outra pessoa."""
    base, gravadas = bases.base_do_item(item, com_linhas=not ao_vivo)
    opcoes = {"servicos": selectors.servicos_do_catalogo(item), "modelo": item.linhas_de_catalogo.model}
    if dados is None:
        formset = LinhasNuvemFormSet(initial=LinhasNuvemFormSet.iniciais(gravadas), **opcoes)
        linhas = gravadas or [None]
    else:
        formset = (LinhasNuvemAoVivoFormSet if ao_vivo else LinhasNuvemFormSet)(dados, **opcoes)
        linhas = formset.linhas(existentes={linha.pk: linha for linha in gravadas})
    simulacao = simular_sobre_guardados(base, puras(linhas))
    return {
        "contratacao": item.contratacao,
        "item": item,
        "catalogo": item.catalogo,
        "formset": formset,
        "simulacao": simulacao,
        "linhas": list(zip(formset.forms, simulacao.linhas, strict=False)),
        "novas": [linha for linha in linhas if linha is not None],
        "mostrar_erros": mostrar_erros,
        "versao": item.versao if dados is None else dados.get("versao", ""),
        "url_calcular": reverse("contratos:item_nuvem_calcular", args=[item.pk]),
        "url_linhas": reverse("contratos:item_nuvem_linhas", args=[item.pk]),
    }


def _item_de_catalogo(request, pk, permissao):
    item = _autorizar(request, selectors.ITENS, pk, permissao)
    if not item.e_catalogo:
        raise Http404("Este item é de perfis profissionais: suas linhas ficam nas OS.")
    return item


def item_nuvem(request, pk):
    item = _item_de_catalogo(request, pk, PERM_LER)
    if not request.user.has_perm(PERM_EDITAR):
        if request.method == "POST":
            raise PermissionDenied(MOTIVO_SO_CONSULTA)
        return redirect(item.get_absolute_url())
    if request.method != "POST":
        return render(request, "contratos/item_nuvem_form.html", _edicao_item(item))
    contexto = _edicao_item(item, request.POST, mostrar_erros=True)
    lida = inteiro(request.POST.get("versao", ""))
    if lida is None:
        contexto["erros_servico"] = ["O formulário veio sem a versão de edição; recarregue a página."]
    elif contexto["formset"].is_valid():
        item.versao = lida
        try:
            services.item_nuvem_salvar_linhas(item=item, linhas=contexto["novas"], usuario=request.user)
        except ValidationError as erro:
            contexto["erros_servico"] = erro.messages
            contexto["conflito"] = conflito(erro)
        else:
            messages.success(request, f"{item.get_tipo_display()} do Item {item.numero} salvos.")
            return redirect(item.get_absolute_url())
    return render(request, "contratos/item_nuvem_form.html", contexto)


@require_POST
def item_nuvem_calcular(request, pk):
    """Totais ao vivo (htmx) das linhas do item de catálogo e das `alteradas`, como `os_calcular`."""
    contexto = _edicao_item(_item_de_catalogo(request, pk, PERM_EDITAR), request.POST, ao_vivo=True)
    alteradas = inteiros(request.POST.get("alteradas"))
    return render(
        request, "contratos/item_nuvem_form.html#totais", {**contexto, "oob": True, "alteradas": alteradas}
    )


@require_POST
def item_nuvem_linhas(request, pk):
    """Inclui (acao=adicionar) ou tira (acao=remover&indice=N) uma linha; grava só ao salvar."""
    item = _item_de_catalogo(request, pk, PERM_EDITAR)
    dados, aviso = LinhasNuvemFormSet.remontar(
        request.POST, acao=request.GET.get("acao", ""), indice=request.GET.get("indice", "")
    )
    contexto = _edicao_item(item, dados)
    return render(request, "contratos/item_nuvem_form.html#tabela", {**contexto, "aviso": aviso})
