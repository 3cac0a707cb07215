"""Páginas do ACT 142/2024: todos os grupos leem; escritas exigem a permissão do seu grupo.

Um só estilo (core.permissoes): cada view declara a permissão (`permission_required` ou
`PermissionRequiredMixin`, com 403 para quem está autenticado); o objeto pedido vem de `objeto_ou_404`."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from acordo import prazos, relatorio_xlsx, selectors, services, views_calendario, views_monitoramento
from acordo.forms import ROTULOS_SITUACAO, ConclusaoForm, CronogramaFiltroForm, ReaberturaForm, VigenciaForm
from acordo.forms_monitoramento import ConclusaoComRelatorioForm
from acordo.models import RelatorioAnexado
from acordo.permissoes import MONITORAMENTO
from core import exportacoes
from core.permissoes import objeto_ou_404

POR_PAGINA = 25
LER_ACORDO = "acordo.view_acordo"
LER_OCORRENCIAS = "acordo.view_ocorrencia"
REGISTRAR = "acordo.change_ocorrencia"


def _acordo_ou_404():
    acordo = selectors.acordo_atual()
    if acordo is None:
        raise Http404("O ACT ainda não foi carregado.")
    return acordo


@permission_required(LER_ACORDO, raise_exception=True)
def detalhe(request):
    hoje = timezone.localdate()
    acordo = selectors.acordo_atual()
    contexto = {"acordo": acordo, "hoje": hoje}
    if acordo is not None:
        participes = list(selectors.participes_com_representantes(acordo))
        # ação 2 do Plano de Trabalho: designar titular e suplente em até 10 dias
        designacao = selectors.ocorrencias_do_acordo(acordo).filter(acao__ordem=2).first()
        contexto.update(
            participes=participes,
            sem_representantes=not any(p.vigentes for p in participes),
            designacao=designacao,
            termino=acordo.termino,
            dias_restantes=prazos.dias_restantes(acordo.termino, hoje),
            pode_alterar=request.user.has_perm("acordo.change_acordo"),
            pode_designar=request.user.has_perm("acordo.add_representante") and request.user.is_staff,
        )
    return render(request, "acordo/detalhe.html", contexto)


@permission_required(LER_OCORRENCIAS, raise_exception=True)
def cronograma(request):
    hoje = timezone.localdate()
    acordo = _acordo_ou_404()
    participes = list(acordo.participes.all())
    filtro = CronogramaFiltroForm(request.GET or None, participes=participes)
    filtro.is_valid()
    filtros = filtro.filtros()
    ocorrencias = selectors.ocorrencias_filtradas(acordo, hoje=hoje, **filtros)
    pagina = Paginator(ocorrencias, POR_PAGINA).get_page(request.GET.get("pagina"))
    _marcar_situacao(pagina.object_list, hoje)
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    contagens = selectors.contagem_por_situacao(ocorrencias.order_by(), hoje)
    return render(
        request,
        "acordo/cronograma.html",
        {
            "acordo": acordo,
            "hoje": hoje,
            "acoes": selectors.acoes_do_cronograma(acordo, hoje),
            "filtro": filtro,
            "filtrado": any(filtros.values()),
            "pagina": pagina,
            "consulta": consulta.urlencode(),
            "contagens": [(s.value, ROTULOS_SITUACAO[s], contagens[s.value]) for s in prazos.Situacao],
        },
    )


def _marcar_situacao(ocorrencias, hoje):
    for o in ocorrencias:
        s = o.situacao(hoje)
        o.situacao_atual, o.rotulo_situacao = s.value, ROTULOS_SITUACAO[s]


@permission_required(LER_OCORRENCIAS, raise_exception=True)
def linha_do_tempo(request):
    hoje = timezone.localdate()
    acordo = _acordo_ou_404()
    return render(
        request,
        "acordo/linha_do_tempo.html",
        {
            "acordo": acordo,
            "hoje": hoje,
            "svg": selectors.linha_do_tempo(acordo, hoje),
            "rotulos": {s.value: r for s, r in ROTULOS_SITUACAO.items()},
        },
    )


def _pagina_ocorrencia(request, pk, *, conclusao=None, reabertura=None, status=200):
    hoje = timezone.localdate()
    ocorrencia = objeto_ou_404(
        request.user, selectors.ocorrencias_com_acordo(), permissao=LER_OCORRENCIAS, pk=pk
    )
    historico = selectors.historico_da_ocorrencia(ocorrencia)
    pode_registrar = request.user.has_perm(REGISTRAR)
    situacao = ocorrencia.situacao(hoje)
    if conclusao is None:
        conclusao = _form_conclusao(request, ocorrencia, hoje)
    return render(
        request,
        "acordo/ocorrencia.html",
        {
            "ocorrencia": ocorrencia,
            "acordo": ocorrencia.acao.acordo,
            "responsaveis": list(ocorrencia.acao.responsaveis.all()),
            "situacao": situacao.value,
            "rotulo_situacao": ROTULOS_SITUACAO[situacao],
            "historico": historico,
            "pode_registrar": pode_registrar,
            "conclusao": conclusao,
            "relatorios": selectors.relatorios_da_ocorrencia(ocorrencia),
            "pode_ver_relatorios": request.user.has_perm(MONITORAMENTO),
            "reabertura": reabertura or ReaberturaForm(),
        },
        status=status,
    )


@permission_required(LER_OCORRENCIAS, raise_exception=True)
def ocorrencia(request, pk):
    return _pagina_ocorrencia(request, pk)


def _form_conclusao(request, ocorrencia, hoje, dados=None):
    """Monitoramento e balanço oferecem anexar o relatório gerado (só a quem pode ver os totais)."""
    assinatura = ocorrencia.acao.acordo.data_assinatura
    if selectors.tipo_de_relatorio(ocorrencia) is None or not request.user.has_perm(MONITORAMENTO):
        return ConclusaoForm(dados, hoje=hoje, assinatura=assinatura)
    pedido = request.GET.get("relatorio", "")
    inicial = pedido or f"{selectors.competencia_padrao(ocorrencia):%Y-%m}"
    return ConclusaoComRelatorioForm(
        dados,
        hoje=hoje,
        assinatura=assinatura,
        primeiro_mes=assinatura.replace(day=1),
        initial={"competencia": inicial},
    )


def _relatorio_para_anexar(request, ocorrencia, dados, hoje):
    if not dados.get("anexar_relatorio"):
        return None
    tipo = selectors.tipo_de_relatorio(ocorrencia)
    mes = dados["competencia"]
    semestral = tipo == RelatorioAnexado.Tipo.SEMESTRAL
    # carimbado como o download; o serviço o registra (core.exportacoes) na mesma transação da conclusão
    carimbo = exportacoes.carimbo_novo(
        origem=views_monitoramento.descricao_do_arquivo(ocorrencia.acao.acordo, mes=mes, balanco=semestral),
        agora=timezone.localtime(),
    )
    conteudo = views_monitoramento.gerar_arquivo(
        mes=mes,
        balanco=semestral,
        hoje=hoje,
        gerado_por=request.user.get_full_name() or request.user.get_username(),
        carimbo=carimbo,
    )
    return services.RelatorioGerado(
        tipo=tipo,
        competencia=mes,
        nome_arquivo=relatorio_xlsx.nome_do_arquivo(mes, balanco=semestral),
        conteudo=conteudo,
        gerado_em=carimbo.gerado_em,
        carimbo=carimbo,
        tipo_do_arquivo=views_monitoramento.tipo_do_arquivo(balanco=semestral),
    )


class _RegistroNaOcorrencia(PermissionRequiredMixin, View):
    """Concluir e reabrir seguem o mesmo caminho: autorizar → validar → serviço → responder."""

    permission_required = REGISTRAR
    raise_exception = True
    http_method_names = ["post"]
    formulario_na_pagina: str  # o nome do formulário no contexto da página da ocorrência
    sucesso: str

    def formulario(self, alvo, hoje):
        raise NotImplementedError

    def salvar(self, alvo, form, hoje):
        raise NotImplementedError

    def post(self, request, pk):
        hoje = timezone.localdate()
        alvo = objeto_ou_404(request.user, selectors.ocorrencias_com_acordo(), permissao=REGISTRAR, pk=pk)
        form = self.formulario(alvo, hoje)
        if form.is_valid():
            try:
                self.salvar(alvo, form, hoje)
            except ValidationError as erro:
                if not hasattr(erro, "error_dict"):
                    # estado mudou (ex.: já concluída por outra pessoa): avisa e mostra a situação atual
                    messages.error(request, " ".join(erro.messages))
                    return redirect(alvo)
                _anexar_erros(form, erro)
            else:
                messages.success(request, self.sucesso)
                return redirect(alvo)
        return _pagina_ocorrencia(request, pk, status=400, **{self.formulario_na_pagina: form})


class OcorrenciaConcluir(_RegistroNaOcorrencia):
    formulario_na_pagina = "conclusao"
    sucesso = "Ocorrência concluída e evidência registrada."

    def formulario(self, alvo, hoje):
        return _form_conclusao(self.request, alvo, hoje, self.request.POST)

    def salvar(self, alvo, form, hoje):
        dados, relatorio = form.cleaned_data, None
        if isinstance(form, ConclusaoComRelatorioForm):
            dados = form.dados_da_conclusao()
            relatorio = _relatorio_para_anexar(self.request, alvo, form.cleaned_data, hoje)
        services.ocorrencia_concluir(
            ocorrencia=alvo, usuario=self.request.user, hoje=hoje, relatorio=relatorio, **dados
        )


class OcorrenciaReabrir(_RegistroNaOcorrencia):
    formulario_na_pagina = "reabertura"
    sucesso = "Ocorrência reaberta; o motivo ficou no histórico."

    def formulario(self, alvo, hoje):
        return ReaberturaForm(self.request.POST)

    def salvar(self, alvo, form, hoje):
        services.ocorrencia_reabrir(
            ocorrencia=alvo, motivo=form.cleaned_data["motivo"], usuario=self.request.user
        )


def _anexar_erros(form, erro: ValidationError):
    for campo, lista in erro.message_dict.items():
        form.add_error(campo if campo in form.fields else None, lista)


class VigenciaAlterar(PermissionRequiredMixin, View):
    """Prévia das datas que mudam; só grava depois da confirmação (botão `confirmar`)."""

    permission_required = "acordo.change_acordo"
    raise_exception = True

    def get(self, request):
        acordo = _acordo_ou_404()
        form = VigenciaForm(
            initial={"data_assinatura": acordo.data_assinatura, "vigencia_meses": acordo.vigencia_meses}
        )
        return render(request, "acordo/vigencia.html", {"acordo": acordo, "form": form})

    def post(self, request):
        acordo = _acordo_ou_404()
        form = VigenciaForm(request.POST)
        if not form.is_valid():
            return render(request, "acordo/vigencia.html", {"acordo": acordo, "form": form}, status=400)
        dados = form.cleaned_data
        previsto = (request.POST.get("previa_assinatura"), request.POST.get("previa_meses"))
        conferido = previsto == (dados["data_assinatura"].isoformat(), str(dados["vigencia_meses"]))
        if "confirmar" in request.POST and not conferido:
            # confirmar só o que foi visto na prévia: valores mudados depois dela pedem nova prévia
            messages.warning(
                request, "Os valores mudaram depois da prévia; confira as datas abaixo e confirme."
            )
        elif "confirmar" in request.POST:
            resultado = services.acordo_alterar_vigencia(acordo=acordo, usuario=request.user, **dados)
            messages.success(
                request,
                f"Assinatura e vigência gravadas: {resultado.alteradas} vencimento(s) recalculado(s), "
                f"{resultado.criadas} ocorrência(s) nova(s), {resultado.removidas} removida(s); "
                f"{resultado.mantidas} concluída(s) mantida(s).",
            )
            return redirect("acordo:cronograma")
        alteracoes = selectors.alteracoes_previstas(acordo, **dados)
        return render(
            request,
            "acordo/vigencia.html",
            {
                "acordo": acordo,
                "form": form,
                "previa": True,
                "alteracoes": alteracoes,
                "novo_termino": prazos.termino_da_vigencia(dados["data_assinatura"], dados["vigencia_meses"]),
            },
        )


@permission_required(LER_OCORRENCIAS, raise_exception=True)
def ics(request, sigla=None):
    return views_calendario.resposta_ics(request, _acordo_ou_404(), sigla=sigla)
