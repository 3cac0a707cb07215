"""Páginas da fiscalização técnica: autorizar, ligar o formulário, chamar um serviço, responder."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from contratos.exportacoes import exportar_da_contratacao
from contratos.fiscalizacao import importacao, relatorio, selectors, services
from contratos.fiscalizacao.forms import (
    AlocadoForm,
    AvaliacaoForm,
    EmissaoForm,
    PeriodoForm,
    PlanilhaEquipeForm,
)
from contratos.fiscalizacao.models import EmissaoOS, ProfissionalAlocado, RelatorioFiscalizacao
from contratos.fiscalizacao.regras import NOTA_15_5
from contratos.selectors import ORDENS
from core.models import Exportacao
from core.permissoes import objeto_ou_404

PERM_LER = "contratos.view_periodofiscalizacao"
PERM_ESCREVER = "contratos.change_periodofiscalizacao"
MOTIVO_LER = "Seu perfil não dá acesso à fiscalização das OS."
TEMPLATE_IMPORTAR = "contratos/fiscalizacao/importar.html"
MOTIVO_ESCREVER = "Só a equipe de planejamento e o Fiscal do contrato registram a fiscalização."


def _objeto(request, queryset, pk, permissao):
    motivo = MOTIVO_ESCREVER if permissao == PERM_ESCREVER else MOTIVO_LER
    return objeto_ou_404(request.user, queryset, permissao=permissao, motivo=motivo, pk=pk)


def _pagina_os(request, ordem, *, form_emissao=None, form_periodo=None):
    emissao = EmissaoOS.objects.filter(ordem=ordem).first()
    periodos = list(emissao.periodos.prefetch_related("relatorios")) if emissao else []
    contexto = {
        "ordem": ordem,
        "contratacao": ordem.contratacao,
        "emissao": emissao,
        "periodos": periodos,
        "pode_escrever": request.user.has_perm(PERM_ESCREVER),
        "form_emissao": form_emissao or EmissaoForm(initial={"data_emissao": timezone.localdate()}),
        "form_periodo": form_periodo or (emissao and PeriodoForm(emissao=emissao)),
    }
    return render(request, "contratos/fiscalizacao/os.html", contexto)


def fiscalizacao_os(request, pk):
    return _pagina_os(request, _objeto(request, ORDENS, pk, PERM_LER))


@require_POST
def os_emitir(request, pk):
    ordem = _objeto(request, ORDENS, pk, PERM_ESCREVER)
    if EmissaoOS.objects.filter(ordem=ordem).exists():
        messages.info(request, f"A {ordem.numero} já foi emitida.")
        return redirect("contratos:fiscalizacao_os", ordem.pk)
    form = EmissaoForm(request.POST)
    if not form.is_valid():
        return _pagina_os(request, ordem, form_emissao=form)
    services.os_emitir(ordem=ordem, data_emissao=form.cleaned_data["data_emissao"], usuario=request.user)
    messages.success(request, f"{ordem.numero} emitida; o número é o do planejamento.")
    return redirect("contratos:fiscalizacao_os", ordem.pk)


@require_POST
def periodo_abrir(request, pk):
    emissao = _objeto(request, selectors.EMISSOES, pk, PERM_ESCREVER)
    form = PeriodoForm(request.POST, emissao=emissao)
    if not form.is_valid():
        return _pagina_os(request, emissao.ordem, form_periodo=form)
    periodo = services.periodo_abrir(emissao=emissao, competencia=form.cleaned_data["competencia"])
    return redirect(periodo)


def _pagina_periodo(request, periodo, *, form_alocado=None, form_avaliacao=None):
    alocados = list(selectors.ALOCADOS.filter(periodo=periodo))
    mapa = periodo.emissao.ordem.contratacao.mapa
    contexto = {
        "periodo": periodo,
        "ordem": periodo.emissao.ordem,
        "contratacao": periodo.emissao.ordem.contratacao,
        "alocados": alocados,
        "conteudo": selectors.conteudo_do_periodo(periodo, alocados),
        "relatorios": list(periodo.relatorios.all()),
        "nota_15_5": NOTA_15_5,
        "pode_escrever": request.user.has_perm(PERM_ESCREVER),
        "form_alocado": form_alocado or AlocadoForm(mapa=mapa),
        "form_avaliacao": form_avaliacao or AvaliacaoForm(instance=periodo),
    }
    return render(request, "contratos/fiscalizacao/periodo.html", contexto)


def periodo(request, pk):
    return _pagina_periodo(request, _objeto(request, selectors.PERIODOS, pk, PERM_LER))


@require_POST
def alocado_novo(request, pk):
    periodo = _objeto(request, selectors.PERIODOS, pk, PERM_ESCREVER)
    alocado = ProfissionalAlocado(periodo=periodo)
    form = AlocadoForm(request.POST, instance=alocado, mapa=periodo.emissao.ordem.contratacao.mapa)
    if not form.is_valid():
        return _pagina_periodo(request, periodo, form_alocado=form)
    services.alocado_salvar(alocado=form.instance)
    messages.success(request, f"{alocado.nome} incluído na equipe do período.")
    return redirect(periodo)


def alocado_editar(request, pk):
    alocado = _objeto(request, selectors.ALOCADOS, pk, PERM_ESCREVER)
    mapa = alocado.periodo.emissao.ordem.contratacao.mapa
    form = AlocadoForm(request.POST or None, instance=alocado, mapa=mapa)
    if request.method == "POST" and form.is_valid():
        services.alocado_salvar(alocado=form.instance)
        messages.success(request, f"{alocado.nome}: alocação alterada.")
        return redirect(alocado.periodo)
    ordem = alocado.periodo.emissao.ordem
    contexto = {"form": form, "alocado": alocado, "periodo": alocado.periodo, "ordem": ordem}
    return render(
        request,
        "contratos/fiscalizacao/alocado_form.html",
        {**contexto, "contratacao": ordem.contratacao},
    )


@require_POST
def alocado_excluir(request, pk):
    alocado = _objeto(request, selectors.ALOCADOS, pk, PERM_ESCREVER)
    services.alocado_excluir(alocado=alocado)
    messages.success(request, f"{alocado.nome} retirado da equipe do período.")
    return redirect(alocado.periodo)


def _chave_importacao(periodo) -> str:
    return f"fiscalizacao_importacao:{periodo.pk}"


def alocados_importar(request, pk):
    """Prévia (envio do arquivo) e confirmação (só as linhas vistas na prévia, guardadas na sessão)."""
    periodo = _objeto(request, selectors.PERIODOS, pk, PERM_ESCREVER)
    form = PlanilhaEquipeForm(request.POST or None, request.FILES or None)
    contexto = {
        "periodo": periodo,
        "ordem": periodo.emissao.ordem,
        "contratacao": periodo.emissao.ordem.contratacao,
    }
    if request.method == "POST" and "confirmar" in request.POST:
        linhas = request.session.pop(_chave_importacao(periodo), None)
        if not linhas:
            messages.error(request, "Envie a planilha de novo: a prévia expirou.")
            return redirect("contratos:fiscalizacao_importar", periodo.pk)
        try:
            quantos = services.alocados_importar(periodo=periodo, linhas=linhas)
        except ValidationError as erro:
            return render(
                request, TEMPLATE_IMPORTAR, {**contexto, "form": PlanilhaEquipeForm(), "erros": erro.messages}
            )
        messages.success(request, f"{quantos} profissional(is) importado(s) para a equipe do período.")
        return redirect(periodo)
    leitura = None
    if request.method == "POST" and form.is_valid():
        arquivo = form.cleaned_data["arquivo"]
        leitura = importacao.ler(
            periodo=periodo,
            nome_arquivo=arquivo.name,
            conteudo=arquivo.read(),
            content_type=arquivo.content_type or "",
        )
        if leitura.ok:
            request.session[_chave_importacao(periodo)] = leitura.linhas
    return render(request, TEMPLATE_IMPORTAR, {**contexto, "form": form, "leitura": leitura})


@require_POST
def avaliacao_salvar(request, pk):
    periodo = _objeto(request, selectors.PERIODOS, pk, PERM_ESCREVER)
    form = AvaliacaoForm(request.POST, instance=periodo)
    if not form.is_valid():
        return _pagina_periodo(request, periodo, form_avaliacao=form)
    services.avaliacao_salvar(periodo=form.instance)
    messages.success(request, "Avaliação do fiscal gravada.")
    return redirect(periodo)


@require_POST
def relatorio_concluir(request, pk):
    periodo = _objeto(request, selectors.PERIODOS, pk, PERM_ESCREVER)
    concluido = services.relatorio_concluir(periodo=periodo, usuario=request.user, agora=timezone.now())
    messages.success(request, f"Relatório concluído (versão {concluido.versao}); ele não muda mais.")
    return redirect(concluido)


RELATORIOS = RelatorioFiscalizacao.objects.select_related(
    "periodo__emissao__ordem__contratacao__orgao", "concluido_por"
)


def relatorio_ver(request, pk):
    concluido = _objeto(request, RELATORIOS, pk, PERM_LER)
    ordem = concluido.periodo.emissao.ordem
    contexto = {
        "relatorio": concluido,
        "conteudo": concluido.conteudo,
        "ordem": ordem,
        "contratacao": ordem.contratacao,
    }
    return render(request, "contratos/fiscalizacao/relatorio.html", contexto)


def relatorio_xlsx(request, pk):
    concluido = _objeto(request, RELATORIOS, pk, PERM_LER)
    titulo = f"Relatório de fiscalização técnica – versão {concluido.versao}"
    periodo = concluido.periodo
    ordem = periodo.emissao.ordem
    return exportar_da_contratacao(
        request,
        ordem.contratacao,
        origem=concluido,  # congelado: a conferência não pergunta se mudou
        detalhe=f" – OS {ordem.numero}, {periodo.competencia:%m/%Y}, relatório v{concluido.versao}",
        tipo=Exportacao.Tipo.RELATORIO_FISCALIZACAO,
        nome=f"fiscalizacao-os-{ordem.pk}-{periodo.competencia:%Y-%m}-v{concluido.versao}.xlsx",
        gerar=lambda carimbo: relatorio.gerar_xlsx(
            concluido.conteudo, titulo=titulo, gerado_em=carimbo.gerado_em, carimbo=carimbo
        ),
    )
