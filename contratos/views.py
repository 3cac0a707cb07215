"""Páginas da contratação: lista, dados, detalhe, reprecificação, Anexo A e itens.

Toda view faz o mesmo (core/permissoes.py): busca o objeto no escopo do usuário (outro órgão: 404) e confere
a ação (sem ela: 403 com o motivo). As linhas da OS e dos itens de catálogo ficam em `views_linhas.py`; o
mapa salarial, em `views_mapa.py`.
"""

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from contratos import lista, selectors, services, travas
from contratos.comparacao import mapa_mais_novo, reprecificacao_prever
from contratos.forms import (
    ContratacaoForm,
    EquipeFormSet,
    FiltroContratacoesForm,
    ItemForm,
    ReprecificarForm,
)
from contratos.grafico import altura_do_grafico, barras_por_perfil
from contratos.kit_tr import dados as kit_tr
from contratos.kit_tr.verificacao import verificar
from contratos.kit_tr.views import exportar
from contratos.models import Contratacao, Item, Orgao
from core.models import Exportacao
from core.permissoes import exigir, objeto_ou_404

PERM_LER = "contratos.view_contratacao"
PERM_EDITAR = "contratos.change_contratacao"
PERM_CRIAR = "contratos.add_contratacao"
PERM_EXCLUIR = "contratos.delete_contratacao"
MOTIVO_SO_CONSULTA = "Seu perfil só permite consultar esta contratação."
MOTIVO_SEM_ACESSO = "Seu perfil não dá acesso às contratações dos órgãos."
CONTRATACOES_POR_PAGINA = 20


def motivo(usuario) -> str:
    """O 403 diz o que o perfil permite: só consultar, ou nada das contratações."""
    return MOTIVO_SO_CONSULTA if usuario.has_perm(PERM_LER) else MOTIVO_SEM_ACESSO


def erros_no_form(form, erro: ValidationError) -> bool:
    """Erros do serviço junto ao campo quando o formulário o tem; senão, no topo do formulário.

    Devolve se foi um conflito de edição (outra pessoa salvou antes): a página oferece recarregar."""
    if hasattr(erro, "error_dict"):
        for campo, mensagens in erro.message_dict.items():
            form.add_error(campo if campo in form.fields else None, mensagens)
        return False
    form.add_error(None, erro.messages)
    return conflito(erro)


def conflito(erro: ValidationError) -> bool:
    return not hasattr(erro, "error_dict") and any(
        e.code == travas.CONFLITO_DE_VERSAO for e in erro.error_list
    )


def contratacao_lista(request):
    exigir(request.user, PERM_LER, motivo=MOTIVO_SEM_ACESSO)
    form = FiltroContratacoesForm(request.GET or None, mapas=selectors.mapas_para_selecao())
    filtros = {}
    if form.is_bound and form.is_valid():
        filtros = {k: v for k, v in form.cleaned_data.items() if v}
    ordem = lista.ordem_valida(request.GET.get("ordem"))
    contratacoes = lista.contratacoes_listar(request.user, ordem=ordem, **filtros)
    pks = contratacoes.values_list("pk", flat=True)
    pagina = Paginator(pks, CONTRATACOES_POR_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = lista.contratacoes_da_pagina(list(pagina.object_list))
    so_filtros = {k: getattr(v, "pk", v) for k, v in filtros.items()}
    return render(
        request,
        "contratos/contratacao_lista.html",
        {
            "form": form,
            "pagina": pagina,
            "filtrando": bool(filtros),
            "ordem": ordem,
            "so_filtros": urlencode(so_filtros),  # os cabeçalhos ordenáveis voltam à página 1
            "parametros": urlencode({**so_filtros, "ordem": ordem}),
        },
    )


def _equipe_informada(formset):
    return [
        (f.cleaned_data["nome"], f.cleaned_data["papel"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("nome")
    ]


def _contratacao_form(request, contratacao):
    usuario = request.user
    orgaos = list(Orgao.objects.all() if usuario.is_superuser else usuario.orgaos.all())
    dados = request.POST if request.method == "POST" else None
    form = ContratacaoForm(
        dados,
        instance=contratacao,
        orgaos=Orgao.objects.filter(pk__in=[o.pk for o in orgaos]),
        mapas=selectors.mapas_vigentes(),
    )
    equipe = EquipeFormSet(dados, instance=contratacao if contratacao.pk else None, prefix="equipe")
    equipe.helper = FormHelper()
    equipe.helper.template = "dsgov/table_inline_formset.html"
    equipe.helper.form_tag = False
    houve_conflito = False
    if dados is not None and form.is_valid() and equipe.is_valid():
        try:
            contratacao = services.contratacao_salvar(
                contratacao=form.instance, equipe=_equipe_informada(equipe), usuario=request.user
            )
        except ValidationError as erro:
            houve_conflito = erros_no_form(form, erro)
        else:
            messages.success(request, "Contratação salva.")
            return redirect(contratacao)
    return render(
        request,
        "contratos/contratacao_form.html",
        {
            "form": form,
            "equipe": equipe,
            "contratacao": contratacao,
            "sem_orgao": not orgaos,
            "conflito": houve_conflito,
        },
    )


def contratacao_criar(request):
    exigir(request.user, PERM_CRIAR, motivo=motivo(request.user))
    return _contratacao_form(request, Contratacao())


def _contratacao(request, pk, permissao):
    return objeto_ou_404(
        request.user, selectors.CONTRATACOES, permissao=permissao, motivo=motivo(request.user), pk=pk
    )


def contratacao_editar(request, pk):
    return _contratacao_form(request, _contratacao(request, pk, PERM_EDITAR))


def contratacao_detalhe(request, pk):
    contratacao = _contratacao(request, pk, PERM_LER)
    resumo = selectors.resumir_contratacao(contratacao)
    barras = barras_por_perfil(resumo.estimativa.mensal_por_perfil())
    hoje = timezone.localdate()
    equipe = list(contratacao.equipe.all())
    mais_novo = mapa_mais_novo(contratacao, hoje=hoje)
    return render(
        request,
        "contratos/contratacao_detalhe.html",
        {
            "contratacao": contratacao,
            "resumo": resumo,
            "numero_de_ordens": sum(len(ir.ordens) for ir in resumo.itens),  # a confirmação de exclusão diz
            "estimativa": resumo.estimativa,
            "barras": barras,
            "altura_grafico": altura_do_grafico(barras),
            "equipe": equipe,
            "mapa_mais_novo": mais_novo,
            "verificacao": verificar(kit_tr.situacao(resumo, equipe=equipe, mais_novo=mais_novo, hoje=hoje)),
            "pode_editar": request.user.has_perm(PERM_EDITAR),
            "pode_excluir": request.user.has_perm(PERM_EXCLUIR),
            "pode_criar": request.user.has_perm(PERM_CRIAR),
        },
    )


@require_POST
def contratacao_excluir(request, pk):
    contratacao = _contratacao(request, pk, PERM_EXCLUIR)
    services.contratacao_excluir(contratacao=contratacao)
    messages.success(request, "Contratação excluída.")
    return redirect("contratos:contratacao_lista")


@require_POST
def contratacao_duplicar(request, pk):
    contratacao = _contratacao(request, pk, PERM_CRIAR)
    nova = services.contratacao_duplicar(contratacao=contratacao, usuario=request.user)
    messages.success(request, "Cópia criada como rascunho: revise o objeto e o nº do processo.")
    return redirect(nova)


def contratacao_reprecificar(request, pk):
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    mapas = selectors.mapas_vigentes().exclude(pk=contratacao.mapa_id)
    form = ReprecificarForm(request.POST or request.GET or None, mapas=mapas)
    previsao = None
    if form.is_bound and form.is_valid():
        previsao = reprecificacao_prever(contratacao, form.cleaned_data["mapa"])
        if request.method == "POST":
            try:
                services.contratacao_reprecificar(
                    contratacao=contratacao, mapa_novo=form.cleaned_data["mapa"], usuario=request.user
                )
            except ValidationError as erro:
                erros_no_form(form, erro)
            else:
                messages.success(request, f"Contratação reprecificada com {form.cleaned_data['mapa']}.")
                return redirect(contratacao)
    return render(
        request,
        "contratos/contratacao_reprecificar.html",
        {"contratacao": contratacao, "form": form, "previsao": previsao, "sem_versoes": not mapas.exists()},
    )


def contratacao_anexo_a(request, pk):
    return exportar(request, _contratacao(request, pk, PERM_LER), Exportacao.Tipo.ANEXO_A)


def contratacao_kit_tr(request, pk):
    return exportar(request, _contratacao(request, pk, PERM_LER), Exportacao.Tipo.KIT_TR)


def _item_form(request, item):
    form = ItemForm(request.POST or None, instance=item, catalogos=selectors.catalogos_aprovados())
    houve_conflito = False
    if request.method == "POST" and form.is_valid():
        novo = item.pk is None
        try:
            services.item_salvar(item=form.instance)
        except ValidationError as erro:
            houve_conflito = erros_no_form(form, erro)
        else:
            messages.success(request, f"Item {item.numero} salvo.")
            if novo and item.e_catalogo:
                return redirect("contratos:item_nuvem", item.pk)
            return redirect(item.get_absolute_url())
    return render(
        request,
        "contratos/item_form.html",
        {"form": form, "item": item, "contratacao": item.contratacao, "conflito": houve_conflito},
    )


def item_criar(request, pk):
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    item = Item(contratacao=contratacao, numero=selectors.proximo_numero_item(contratacao))
    return _item_form(request, item)


def _item(request, pk, permissao):
    return objeto_ou_404(
        request.user, selectors.ITENS, permissao=permissao, motivo=motivo(request.user), pk=pk
    )


def item_editar(request, pk):
    return _item_form(request, _item(request, pk, PERM_EDITAR))


@require_POST
def item_excluir(request, pk):
    item = _item(request, pk, PERM_EXCLUIR)
    contratacao = item.contratacao
    services.item_excluir(item=item)
    messages.success(request, f"Item {item.numero} excluído, com suas OS.")
    return redirect(contratacao)
