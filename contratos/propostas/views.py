"""Páginas das propostas: a análise lado a lado, o cadastro de uma proposta e a planilha da análise.

Acesso como a contratação (core/permissoes.py): a Equipe do órgão escreve, a Consulta lê, outro órgão 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contratos import selectors
from contratos.exportacoes import exportar_da_contratacao
from contratos.models import Contratacao
from contratos.propostas import analise, importacao, servicos
from contratos.propostas.exportacao import gerar_analise_xlsx
from contratos.propostas.forms import ImportarForm, LimiaresForm, OfertasForm, PropostaForm
from contratos.propostas.models import Proposta
from contratos.views import PERM_EDITAR, PERM_LER, motivo
from core.models import Exportacao
from core.permissoes import objeto_ou_404


def _no_escopo(request, queryset, pk, permissao):
    return objeto_ou_404(request.user, queryset, permissao=permissao, motivo=motivo(request.user), pk=pk)


def contratacao_ou_404(request, pk, permissao):
    return _no_escopo(request, Contratacao.objects.select_related("orgao", "mapa"), pk, permissao)


def _analise(request, contratacao):
    limiares = LimiaresForm(request.GET or None)
    ordem = request.GET.get("ordem", "")
    return limiares, analise.analisar(contratacao, limiares=limiares.limiares(), ordem=ordem)


def propostas(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_LER)
    limiares, resultado = _analise(request, contratacao)
    return render(
        request,
        "contratos/propostas/analise.html",
        {
            "contratacao": contratacao,
            "analise": resultado,
            "limiares": limiares,
            "ordem": request.GET.get("ordem", ""),
            "parametros": request.GET.urlencode(),
            "pode_editar": request.user.has_perm(PERM_EDITAR),
        },
    )


def propostas_xlsx(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_LER)
    _, resultado = _analise(request, contratacao)
    return exportar_da_contratacao(
        request,
        contratacao,
        tipo=Exportacao.Tipo.ANALISE_PROPOSTAS,
        nome=f"analise-propostas-{contratacao.pk}.xlsx",
        gerar=lambda carimbo: gerar_analise_xlsx(contratacao, resultado, carimbo=carimbo),
        # a coluna "Valor estimado" é a estimativa: a conferência avisa se ela mudou
        estimativa=selectors.resumir_contratacao(contratacao).estimativa,
    )


def _editar(request, contratacao, proposta, *, importadas=None):
    """Formulário da proposta; com `importadas` (a prévia da importação), já preenchido e não gravado."""
    linhas = analise.linhas_estimadas(contratacao)
    dados = request.POST if request.method == "POST" and importadas is None else None
    inicial = (
        {o.linha_id: (o.preco, o.salario, o.fator_k) for o in proposta.linhas.all()} if proposta.pk else {}
    )
    form = PropostaForm(dados, instance=proposta)
    ofertas = OfertasForm(dados, linhas=linhas, inicial=inicial if importadas is None else importadas)
    if dados is not None and form.is_valid() and ofertas.is_valid():
        try:
            servicos.proposta_salvar(proposta=form.instance, ofertas=ofertas.ofertas)
        except ValidationError as erro:
            form.add_error(None, erro.messages)
        else:
            messages.success(request, "Proposta salva.")
            return redirect("contratos:contratacao_propostas", contratacao.pk)
    return render(
        request,
        "contratos/propostas/proposta_form.html",
        {
            "contratacao": contratacao,
            "proposta": proposta,
            "form": form,
            "ofertas": ofertas,
            "previa": importadas is not None,
        },
    )


def proposta_nova(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_EDITAR)
    return _editar(request, contratacao, Proposta(contratacao=contratacao))


def proposta_importar(request, pk):
    """Anexo A preenchido → prévia no formulário da proposta (nada gravado até "Salvar proposta")."""
    contratacao = contratacao_ou_404(request, pk, PERM_EDITAR)
    form = ImportarForm(request.POST or None, request.FILES or None)
    erros = []
    if request.method == "POST" and form.is_valid():
        arquivo = form.cleaned_data["arquivo"]
        leitura = importacao.ler_proposta(arquivo.read(), arquivo.name, analise.linhas_estimadas(contratacao))
        erros = leitura.erros
        if not erros:
            return _editar(
                request, contratacao, Proposta(contratacao=contratacao), importadas=leitura.ofertas
            )
    return render(
        request,
        "contratos/propostas/importar.html",
        {"contratacao": contratacao, "form": form, "erros": erros},
    )


def _proposta(request, pk):
    return _no_escopo(
        request, Proposta.objects.select_related("contratacao__orgao", "contratacao__mapa"), pk, PERM_EDITAR
    )


def proposta_editar(request, pk):
    proposta = _proposta(request, pk)
    return _editar(request, proposta.contratacao, proposta)


@require_POST
def proposta_excluir(request, pk):
    proposta = _proposta(request, pk)
    servicos.proposta_excluir(proposta=proposta)
    messages.success(request, f"Proposta de {proposta.licitante} excluída.")
    return redirect("contratos:contratacao_propostas", proposta.contratacao_id)
