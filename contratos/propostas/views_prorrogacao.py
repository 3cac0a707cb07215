"""Vantajosidade na prorrogação: valores do contrato por item contra a referência do mapa vigente."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from contratos import selectors
from contratos.exportacoes import exportar_da_contratacao
from contratos.models import Item
from contratos.propostas import prorrogacao, servicos
from contratos.propostas.exportacao import gerar_vantajosidade_xlsx
from contratos.propostas.forms import ValoresContratadosForm
from contratos.propostas.views import contratacao_ou_404
from contratos.views import PERM_EDITAR, PERM_LER, motivo
from core.models import Exportacao
from core.permissoes import exigir


def _avaliar(contratacao):
    mapa = selectors.mapa_padrao(hoje=timezone.localdate())
    return prorrogacao.avaliar(contratacao, mapa=mapa)


def vantajosidade(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_LER)
    pode_editar = request.user.has_perm(PERM_EDITAR)
    itens = list(
        Item.objects.filter(contratacao=contratacao, tipo=Item.Tipo.PERFIS)
        .select_related("valor_contratado")
        .order_by("numero")
    )
    form = ValoresContratadosForm(request.POST or None, itens=itens)
    if request.method == "POST":
        exigir(request.user, PERM_EDITAR, motivo=motivo(request.user))
        if form.is_valid():
            servicos.valores_contratados_salvar(valores=form.valores())
            messages.success(request, "Valores do contrato salvos.")
            return redirect("contratos:contratacao_vantajosidade", contratacao.pk)
    return render(
        request,
        "contratos/propostas/vantajosidade.html",
        {
            "contratacao": contratacao,
            "avaliacao": _avaliar(contratacao),
            "form": form,
            "pode_editar": pode_editar,
        },
    )


def vantajosidade_imprimir(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_LER)
    return render(
        request,
        "contratos/propostas/vantajosidade_imprimir.html",
        {"contratacao": contratacao, "avaliacao": _avaliar(contratacao), "hoje": timezone.localdate()},
    )


def vantajosidade_xlsx(request, pk):
    contratacao = contratacao_ou_404(request, pk, PERM_LER)
    avaliacao = _avaliar(contratacao)
    return exportar_da_contratacao(
        request,
        contratacao,
        tipo=Exportacao.Tipo.VANTAJOSIDADE,
        nome=f"vantajosidade-{contratacao.pk}.xlsx",
        gerar=lambda carimbo: gerar_vantajosidade_xlsx(contratacao, avaliacao, carimbo=carimbo),
    )
