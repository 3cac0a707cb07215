"""Páginas de contratos: mapa salarial (consulta, exportação e comparação de versões) e contratações."""

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from contratos import selectors, services
from contratos.anexo_a import gerar_anexo_a, nome_arquivo
from contratos.estimativa import REGRA_UM_PROFISSIONAL
from contratos.forms import (
    CompararMapasForm,
    ContratacaoForm,
    EquipeFormSet,
    FiltroContratacoesForm,
    FiltroMapaForm,
    ItemForm,
    LinhasFormSet,
    LinhasNuvemFormSet,
    OrdemServicoForm,
    ReprecificarForm,
    linhas_por_os_maximo,
)
from contratos.models import Contratacao, Item, MapaSalarial, OrdemServico, Orgao
from contratos.resources import ValorPerfilResource
from core.formatos import FORMATO_POR_EXTENSAO

POR_PAGINA = 50
FORMATOS_EXPORTACAO = FORMATO_POR_EXTENSAO


def _versoes_visiveis(usuario):
    """Rascunhos só para quem mantém o mapa; os demais veem versões publicadas."""
    versoes = selectors.mapas_para_selecao()
    if not usuario.has_perm("contratos.change_mapasalarial"):
        versoes = versoes.exclude(situacao=MapaSalarial.Situacao.RASCUNHO)
    return versoes


def _versao_pedida(versoes, valor, *, padrao):
    if not valor:
        return padrao
    try:
        return versoes.get(pk=int(valor))
    except (ValueError, MapaSalarial.DoesNotExist):
        raise Http404("Versão do mapa salarial não encontrada.") from None


def mapa(request):
    hoje = timezone.localdate()
    versoes = _versoes_visiveis(request.user)
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
            "pode_administrar": request.user.has_perm("contratos.change_mapasalarial"),
        },
    )


def mapa_exportar(request, pk, formato):
    """Planilha de uma versão no formato que a importação aceita (exportar → importar devolve o mesmo)."""
    if formato not in FORMATOS_EXPORTACAO:
        raise Http404("Formato desconhecido.")
    versao = _versao_pedida(_versoes_visiveis(request.user), pk, padrao=None)
    dados = ValorPerfilResource(mapa=versao).export(queryset=versao.valores.order_by("pk"))
    formato_cls = FORMATOS_EXPORTACAO[formato]()
    conteudo = formato_cls.export_data(dados)  # os mesmos formatos do admin: texto nunca vira fórmula
    nome = f"mapa-salarial-{versao.pk}-{(versao.numero or 'rascunho').replace('/', '-').replace('.', '')}"
    resposta = HttpResponse(conteudo, content_type=formato_cls.get_content_type())
    resposta["Content-Disposition"] = f'attachment; filename="{nome}.{formato}"'
    return resposta


def mapa_comparar(request):
    versoes = _versoes_visiveis(request.user)
    hoje = timezone.localdate()
    inicial = {}
    padrao = selectors.mapa_padrao(hoje=hoje)
    if padrao is not None:
        anterior = padrao.origem or versoes.exclude(pk=padrao.pk).first()
        inicial = {"atual": padrao.pk, "anterior": anterior.pk if anterior else None}
    form = CompararMapasForm(request.GET or None, versoes=versoes, initial=inicial)
    comparacao = None
    if form.is_bound and form.is_valid():
        comparacao = selectors.comparar_mapas(form.cleaned_data["anterior"], form.cleaned_data["atual"])
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


# --- Estimativa da contratação (DESIGN.md §4.4) ---

PERM_LER = "contratos.view_contratacao"
PERM_EDITAR = "contratos.change_contratacao"
PERM_CRIAR = "contratos.add_contratacao"
PERM_EXCLUIR = "contratos.delete_contratacao"
CONTRATACOES_POR_PAGINA = 20


def _exigir(usuario, permissao):
    if usuario.has_perm(permissao):
        return
    if usuario.has_perm(PERM_LER):
        raise PermissionDenied("Seu perfil só permite consultar esta contratação.")
    raise PermissionDenied("Seu perfil não dá acesso às contratações dos órgãos.")


def _contratacao(request, pk, permissao=PERM_LER):
    """404 para quem não é do órgão (nem confirma que existe); 403 para quem é, mas só consulta."""
    contratacao = get_object_or_404(selectors.contratacoes_visiveis(request.user), pk=pk)
    _exigir(request.user, permissao)
    return contratacao


def _ordem(request, pk, permissao=PERM_LER):
    ordem = get_object_or_404(selectors.ordens_visiveis(request.user), pk=pk)
    _exigir(request.user, permissao)
    return ordem


def _item(request, pk, permissao=PERM_EDITAR):
    item = get_object_or_404(selectors.itens_visiveis(request.user), pk=pk)
    _exigir(request.user, permissao)
    return item


def _erros_no_form(form, erro: ValidationError) -> bool:
    """Erros do serviço junto ao campo quando o formulário o tem; senão, no topo do formulário.

    Devolve se foi um conflito de edição (outra pessoa salvou antes): a página oferece recarregar."""
    if hasattr(erro, "error_dict"):
        for campo, mensagens in erro.message_dict.items():
            form.add_error(campo if campo in form.fields else None, mensagens)
        return False
    form.add_error(None, erro.messages)
    return _conflito(erro)


def _conflito(erro: ValidationError) -> bool:
    return not hasattr(erro, "error_dict") and any(
        e.code == services.CONFLITO_DE_VERSAO for e in erro.error_list
    )


def _inteiro(valor) -> int | None:
    """Id vindo de GET/POST: "abc", "²" ou vazio viram None (a página responde 404 ou ignora, nunca 500)."""
    try:
        return int(valor) if str(valor).isdecimal() else None
    except (TypeError, ValueError):
        return None


def _orgaos_do_usuario(usuario):
    return list(Orgao.objects.all() if usuario.is_superuser else usuario.orgaos.all())


def contratacao_lista(request):
    _exigir(request.user, PERM_LER)
    form = FiltroContratacoesForm(request.GET or None, mapas=selectors.mapas_para_selecao())
    filtros = {}
    if form.is_bound and form.is_valid():
        filtros = {k: v for k, v in form.cleaned_data.items() if v}
    contratacoes = selectors.contratacoes_listar(request.user, **filtros)
    pagina = Paginator(contratacoes, CONTRATACOES_POR_PAGINA).get_page(request.GET.get("pagina"))
    parametros = urlencode({k: getattr(v, "pk", v) for k, v in filtros.items()})
    return render(
        request,
        "contratos/contratacao_lista.html",
        {"form": form, "pagina": pagina, "filtrando": bool(filtros), "parametros": parametros},
    )


def _equipe_informada(formset):
    return [
        (f.cleaned_data["nome"], f.cleaned_data["papel"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("nome")
    ]


def _contratacao_form(request, contratacao):
    orgaos = _orgaos_do_usuario(request.user)
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
    conflito = False
    if dados is not None and form.is_valid() and equipe.is_valid():
        try:
            contratacao = services.contratacao_salvar(
                contratacao=form.instance, equipe=_equipe_informada(equipe), usuario=request.user
            )
        except ValidationError as erro:
            conflito = _erros_no_form(form, erro)
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
            "conflito": conflito,
        },
    )


def contratacao_criar(request):
    _exigir(request.user, PERM_CRIAR)
    return _contratacao_form(request, Contratacao())


def contratacao_editar(request, pk):
    return _contratacao_form(request, _contratacao(request, pk, PERM_EDITAR))


def contratacao_detalhe(request, pk):
    contratacao = _contratacao(request, pk)
    resumo = selectors.resumir_contratacao(contratacao)
    barras = resumo.barras()
    return render(
        request,
        "contratos/contratacao_detalhe.html",
        {
            "contratacao": contratacao,
            "resumo": resumo,
            "estimativa": resumo.estimativa,
            "barras": barras,
            "altura_grafico": max(len(barras), 1) * 28,
            "equipe": list(contratacao.equipe.all()),
            "mapa_mais_novo": selectors.mapa_mais_novo(contratacao, hoje=timezone.localdate()),
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
        previsao = selectors.reprecificacao_prever(contratacao, form.cleaned_data["mapa"])
        if request.method == "POST":
            try:
                services.contratacao_reprecificar(
                    contratacao=contratacao, mapa_novo=form.cleaned_data["mapa"], usuario=request.user
                )
            except ValidationError as erro:
                _erros_no_form(form, erro)
            else:
                messages.success(request, f"Contratação reprecificada com {form.cleaned_data['mapa']}.")
                return redirect(contratacao)
    return render(
        request,
        "contratos/contratacao_reprecificar.html",
        {"contratacao": contratacao, "form": form, "previsao": previsao, "sem_versoes": not mapas.exists()},
    )


def contratacao_anexo_a(request, pk):
    contratacao = _contratacao(request, pk)
    hoje = timezone.localdate()
    cabecalho, estimativa, perfis = selectors.anexo_a_dados(contratacao, hoje=hoje)
    conteudo = gerar_anexo_a(cabecalho=cabecalho, estimativa=estimativa, mapa=perfis)
    resposta = HttpResponse(
        conteudo, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resposta["Content-Disposition"] = (
        f'attachment; filename="{nome_arquivo(contratacao.numero_processo, hoje)}"'
    )
    return resposta


def _item_form(request, item):
    form = ItemForm(request.POST or None, instance=item, catalogos=selectors.catalogos_aprovados())
    conflito = False
    if request.method == "POST" and form.is_valid():
        novo = item.pk is None
        try:
            services.item_salvar(item=form.instance)
        except ValidationError as erro:
            conflito = _erros_no_form(form, erro)
        else:
            messages.success(request, f"Item {item.numero} salvo.")
            if novo and item.e_catalogo:
                return redirect("contratos:item_nuvem", item.pk)
            return redirect(item.get_absolute_url())
    return render(
        request,
        "contratos/item_form.html",
        {"form": form, "item": item, "contratacao": item.contratacao, "conflito": conflito},
    )


def item_criar(request, pk):
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    proximo = (contratacao.itens.aggregate(maior=Max("numero"))["maior"] or 0) + 1
    item = Item(contratacao=contratacao, numero=proximo)
    return _item_form(request, item)


def item_editar(request, pk):
    return _item_form(request, _item(request, pk))


@require_POST
def item_excluir(request, pk):
    item = _item(request, pk, PERM_EXCLUIR)
    contratacao = item.contratacao
    services.item_excluir(item=item)
    messages.success(request, f"Item {item.numero} excluído, com suas OS.")
    return redirect(contratacao)


def _linhas_iniciais(ordem_resumo):
    if ordem_resumo is None:
        return [{"quantidade": 1}]
    return [
        {
            "id": lr.linha.pk,
            "perfil": lr.linha.perfil_id,
            "quantidade": lr.linha.quantidade,
            "fator_k": lr.linha.fator_k,
            "justificativa": lr.linha.justificativa,
        }
        for lr in ordem_resumo.linhas
    ]


def _contexto_os(request, contratacao, ordem, dados=None, *, mostrar_erros=False):
    """Formulário da OS, linhas e totais ao vivo, todos pela mesma função pura da exportação."""
    perfis = selectors.perfis_do_mapa(contratacao.mapa)
    itens = contratacao.itens.filter(tipo=Item.Tipo.PERFIS).order_by("numero")
    form = OrdemServicoForm(dados, instance=ordem, contratacao=contratacao, itens=itens)
    if dados is None:
        resumo = selectors.resumir_contratacao(contratacao)
        ordem_resumo = resumo.ordem(ordem.pk) if ordem.pk else None
        formset = LinhasFormSet(initial=_linhas_iniciais(ordem_resumo), perfis=perfis)
        if ordem_resumo is None:
            resumo = selectors.resumir_contratacao(contratacao, ordem_editada=ordem, linhas_editadas=[None])
    else:
        formset = LinhasFormSet(dados, perfis=perfis)
        existentes = {}
        if ordem.pk:
            existentes = {linha.pk: linha for linha in ordem.linhas.select_related("perfil")}
        linhas = [f.linha(existentes=existentes) for f in formset.forms]
        item_escolhido = _inteiro(dados.get("item", ""))
        if item_escolhido in {i.pk for i in itens}:
            ordem.item_id = item_escolhido
        resumo = selectors.resumir_contratacao(contratacao, ordem_editada=ordem, linhas_editadas=linhas)
    ordem_resumo = resumo.ordem(ordem.pk)
    calculos = ordem_resumo.linhas if ordem_resumo else []
    sufixo = f"?os={ordem.pk}&" if ordem.pk else "?"
    return {
        "contratacao": contratacao,
        "ordem": ordem,
        "form": form,
        "formset": formset,
        "resumo": resumo,
        "ordem_resumo": ordem_resumo,
        "item_resumo": resumo.item_da_ordem(ordem.pk),
        "linhas": [(f, calculos[i] if i < len(calculos) else None) for i, f in enumerate(formset.forms)],
        "mostrar_erros": mostrar_erros,
        "url_calcular": reverse("contratos:os_calcular", args=[contratacao.pk]) + sufixo,
        "url_linhas": reverse("contratos:os_linhas", args=[contratacao.pk]) + sufixo,
    }


def _os_form(request, contratacao, ordem):
    if request.method != "POST":
        return render(request, "contratos/os_form.html", _contexto_os(request, contratacao, ordem))
    contexto = _contexto_os(request, contratacao, ordem, request.POST, mostrar_erros=True)
    form, formset = contexto["form"], contexto["formset"]
    if form.is_valid() and formset.is_valid():
        linhas = [
            linha for linha in (lr.linha for lr in contexto["ordem_resumo"].linhas) if linha is not None
        ]
        try:
            ordem = services.ordem_servico_salvar(ordem=form.instance, linhas=linhas, usuario=request.user)
        except ValidationError as erro:
            contexto["conflito"] = _erros_no_form(form, erro)
        else:
            messages.success(request, f"{ordem.numero} salva.")
            return redirect(f"{contratacao.get_absolute_url()}#os-{ordem.pk}")
    return render(request, "contratos/os_form.html", contexto)


def os_criar(request, pk):
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    itens = list(contratacao.itens.filter(tipo=Item.Tipo.PERFIS).order_by("numero"))
    if not itens:
        messages.info(request, "Crie um item de perfis profissionais antes de planejar uma Ordem de Serviço.")
        return redirect("contratos:item_criar", contratacao.pk)
    pedido = request.GET.get("item", "")
    item = next((i for i in itens if str(i.pk) == pedido), itens[0])
    numero = selectors.proximo_numero_os(contratacao, hoje=timezone.localdate())
    ordem = OrdemServico(contratacao=contratacao, item=item, numero=numero)
    return _os_form(request, contratacao, ordem)


def os_editar(request, pk):
    ordem = _ordem(request, pk)
    if not request.user.has_perm(PERM_EDITAR):
        if request.method == "POST":
            raise PermissionDenied("Seu perfil só permite consultar esta contratação.")
        return redirect("contratos:os_imprimir", ordem.pk)
    return _os_form(request, ordem.contratacao, ordem)


def _ordem_do_pedido(request, contratacao):
    """A OS em edição (parâmetro ?os=) ou uma nova, ainda não gravada."""
    pedido = request.GET.get("os", "")
    if pedido:
        pk = _inteiro(pedido)
        if pk is None:
            raise Http404("OS não encontrada.")
        return get_object_or_404(OrdemServico.objects.select_related("item"), pk=pk, contratacao=contratacao)
    return OrdemServico(contratacao=contratacao)


@require_POST
def os_calcular(request, pk):
    """Totais ao vivo (htmx): a linha, a OS, o item e a contratação, sem gravar nada."""
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    ordem = _ordem_do_pedido(request, contratacao)
    contexto = _contexto_os(request, contratacao, ordem, request.POST)
    return render(request, "contratos/os_form.html#totais", {**contexto, "oob": True})


@require_POST
def os_linhas(request, pk):
    """Inclui (acao=adicionar) ou tira (acao=remover&indice=N) uma linha; grava só ao salvar a OS."""
    contratacao = _contratacao(request, pk, PERM_EDITAR)
    ordem = _ordem_do_pedido(request, contratacao)
    dados, aviso = _linhas_editadas(
        request.POST, acao=request.GET.get("acao", ""), indice=request.GET.get("indice", "")
    )
    contexto = _contexto_os(request, contratacao, ordem, dados)
    return render(request, "contratos/os_form.html#tabela", {**contexto, "aviso": aviso})


CAMPOS_LINHA = ("id", "perfil", "quantidade", "fator_k", "justificativa")


def _linhas_editadas(
    post,
    *,
    acao,
    indice,
    prefixo="linhas",
    campos=CAMPOS_LINHA,
    nova=None,
    aviso_maximo="Uma OS aceita até {maximo} linhas de perfil; distribua os perfis em outra OS.",
):
    """Remonta os dados do formset com uma linha a mais (em branco) ou a menos, renumerando os prefixos."""
    dados = post.copy()
    aviso = ""
    maximo = linhas_por_os_maximo()
    total = min(_inteiro(post.get(f"{prefixo}-TOTAL_FORMS", 0)) or 0, maximo)
    linhas = [{c: post.get(f"{prefixo}-{i}-{c}", "") for c in campos} for i in range(total)]
    if acao == "adicionar" and len(linhas) >= maximo:
        aviso = aviso_maximo.format(maximo=maximo)
    elif acao == "adicionar":
        linhas.append({"quantidade": "1"} if nova is None else dict(nova))
    elif acao == "remover" and (posicao := _inteiro(indice)) is not None and posicao < len(linhas):
        del linhas[posicao]
    for i in range(total):
        for c in campos:
            dados.pop(f"{prefixo}-{i}-{c}", None)
    for i, linha in enumerate(linhas):
        for c in campos:
            dados[f"{prefixo}-{i}-{c}"] = linha.get(c, "")
    dados[f"{prefixo}-TOTAL_FORMS"] = str(len(linhas))
    dados[f"{prefixo}-INITIAL_FORMS"] = "0"
    return dados, aviso


@require_POST
def os_excluir(request, pk):
    ordem = _ordem(request, pk, PERM_EXCLUIR)
    contratacao = ordem.contratacao
    services.ordem_servico_excluir(ordem=ordem)
    messages.success(request, f"{ordem.numero} excluída.")
    return redirect(contratacao)


def os_imprimir(request, pk):
    ordem = _ordem(request, pk)
    linhas = ordem.linhas.select_related("perfil").order_by("pk")
    perfis = []
    for (
        linha
    ) in linhas:  # um perfil aparece uma vez, mesmo repetido em linhas (a OS exige perfis, não quantidades)
        if linha.perfil.codigo not in {p.codigo for p in perfis}:
            perfis.append(linha.perfil)
    return render(
        request,
        "contratos/os_imprimir.html",
        {
            "ordem": ordem,
            "contratacao": ordem.contratacao,
            "perfis": perfis,
            "regra": REGRA_UM_PROFISSIONAL,
            "pode_editar": request.user.has_perm(PERM_EDITAR),
        },
    )


# --- Linhas de serviço de nuvem de um item (mesmo padrão das linhas da OS) ---


def _linhas_nuvem_iniciais(item_resumo):
    linhas = item_resumo.linhas_nuvem if item_resumo else []
    if not linhas:
        return [{}]
    return [
        {
            "id": lr.linha.pk,
            "servico": lr.linha.servico_id,
            "quantidade": lr.linha.quantidade,
            "observacao": lr.linha.observacao,
        }
        for lr in linhas
    ]


def _contexto_nuvem(item, dados=None, *, mostrar_erros=False):
    """Linhas do item de catálogo e totais ao vivo, pela mesma função pura da exportação.

    `versao` é a versão do item lida quando a página abriu (trava otimista): volta no campo oculto, mesmo
    depois de um erro, para que o salvamento seguinte ainda perceba a alteração de outra pessoa."""
    contratacao = item.contratacao
    servicos = selectors.servicos_do_catalogo(item)
    if dados is None:
        resumo = selectors.resumir_contratacao(contratacao)
        iniciais = _linhas_nuvem_iniciais(resumo.item_resumo(item.pk))
        formset = LinhasNuvemFormSet(
            initial=iniciais, servicos=servicos, modelo=item.linhas_de_catalogo.model
        )
    else:
        formset = LinhasNuvemFormSet(dados, servicos=servicos, modelo=item.linhas_de_catalogo.model)
        existentes = {linha.pk: linha for linha in item.linhas_de_catalogo.select_related("servico")}
        linhas = [f.linha(existentes=existentes) for f in formset.forms]
        resumo = selectors.resumir_contratacao(
            contratacao, item_nuvem_editado=item, linhas_nuvem_editadas=linhas
        )
    item_resumo = resumo.item_resumo(item.pk)
    calculos = item_resumo.linhas_nuvem  # na mesma ordem das linhas do formulário
    return {
        "contratacao": contratacao,
        "item": item,
        "catalogo": item.catalogo,
        "formset": formset,
        "resumo": resumo,
        "item_resumo": item_resumo,
        "linhas": [(f, calculos[i] if i < len(calculos) else None) for i, f in enumerate(formset.forms)],
        "mostrar_erros": mostrar_erros,
        "versao": item.versao if dados is None else dados.get("versao", ""),
        "url_calcular": reverse("contratos:item_nuvem_calcular", args=[item.pk]),
        "url_linhas": reverse("contratos:item_nuvem_linhas", args=[item.pk]),
    }


def _item_nuvem(request, pk, permissao=PERM_EDITAR):
    item = _item(request, pk, permissao)
    if not item.e_catalogo:
        raise Http404("Este item é de perfis profissionais: suas linhas ficam nas OS.")
    return item


def item_nuvem(request, pk):
    item = get_object_or_404(selectors.itens_visiveis(request.user), pk=pk)
    _exigir(request.user, PERM_LER)
    if not item.e_catalogo:
        raise Http404("Este item é de perfis profissionais: suas linhas ficam nas OS.")
    if not request.user.has_perm(PERM_EDITAR):
        if request.method == "POST":
            raise PermissionDenied("Seu perfil só permite consultar esta contratação.")
        return redirect(item.get_absolute_url())
    if request.method != "POST":
        return render(request, "contratos/item_nuvem_form.html", _contexto_nuvem(item))
    contexto = _contexto_nuvem(item, request.POST, mostrar_erros=True)
    lida = _inteiro(request.POST.get("versao", ""))
    if lida is None:
        contexto["erros_servico"] = ["O formulário veio sem a versão de edição; recarregue a página."]
    elif contexto["formset"].is_valid():
        linhas = [lr.linha for lr in contexto["item_resumo"].linhas_nuvem if lr.linha is not None]
        item.versao = lida
        try:
            services.item_nuvem_salvar_linhas(item=item, linhas=linhas, usuario=request.user)
        except ValidationError as erro:
            contexto["erros_servico"] = erro.messages
            contexto["conflito"] = _conflito(erro)
        else:
            messages.success(request, f"{item.get_tipo_display()} do Item {item.numero} salvos.")
            return redirect(item.get_absolute_url())
    return render(request, "contratos/item_nuvem_form.html", contexto)


@require_POST
def item_nuvem_calcular(request, pk):
    """Totais ao vivo (htmx) das linhas do item de catálogo, sem gravar nada."""
    item = _item_nuvem(request, pk)
    contexto = _contexto_nuvem(item, request.POST)
    return render(request, "contratos/item_nuvem_form.html#totais", {**contexto, "oob": True})


CAMPOS_LINHA_NUVEM = ("id", "servico", "quantidade", "observacao")


@require_POST
def item_nuvem_linhas(request, pk):
    """Inclui (acao=adicionar) ou tira (acao=remover&indice=N) uma linha; grava só ao salvar."""
    item = _item_nuvem(request, pk)
    dados, aviso = _linhas_editadas(
        request.POST,
        acao=request.GET.get("acao", ""),
        indice=request.GET.get("indice", ""),
        prefixo="nuvem",
        campos=CAMPOS_LINHA_NUVEM,
        nova={},
        aviso_maximo="Um item aceita até {maximo} linhas de serviço.",
    )
    contexto = _contexto_nuvem(item, dados)
    return render(request, "contratos/item_nuvem_form.html#tabela", {**contexto, "aviso": aviso})
