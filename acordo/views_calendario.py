"""Calendário do ACT (.ics): o feed com sessão e o assinável por URL secreta, e a página "Meu calendário".

A URL secreta é do usuário (um token por pessoa), funciona sem sessão para que Outlook, Google Agenda e
Thunderbird a assinem, e é revogável e regenerável. Token errado, revogado ou de usuário inativo ou sem
permissão: 404, sempre o mesmo, sem dizer se o usuário existe.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET

from acordo import calendario, prazos, selectors, services
from acordo.models import Acordo, TokenCalendario

LEITURA = "acordo.view_ocorrencia"
AVISOS_DIAS = (7, 1)  # os mesmos 7 dias do lembrete por e-mail, e a véspera


def _resumo(texto: str, limite: int = 70) -> str:
    texto = texto.rstrip(" .")
    return texto if len(texto) <= limite else texto[: limite - 1].rstrip() + "…"


def _situacao(ocorrencia, hoje) -> str:
    rotulo = prazos.ROTULOS_SITUACAO[ocorrencia.situacao(hoje)]
    if ocorrencia.concluida:
        rotulo += f" em {ocorrencia.data_conclusao:%d/%m/%Y}"
    return rotulo


def resposta_ics(request, acordo: Acordo, *, sigla: str | None = None) -> HttpResponse:
    """O .ics de todas as ações ou só das de um partícipe; avisos (VALARM) só nas pendentes."""
    hoje = timezone.localdate()
    ocorrencias = selectors.ocorrencias_do_acordo(acordo)
    nome = f"ACT {acordo.numero}"
    if sigla is not None:
        participe = get_object_or_404(acordo.participes, sigla=sigla)
        ocorrencias = ocorrencias.filter(acao__responsaveis=participe)
        nome = f"{nome} – {participe.sigla}"
    eventos = [
        calendario.Evento(
            uid=calendario.uid_da_ocorrencia(acordo.numero, o.acao.ordem, o.ordinal),
            data=o.vencimento,
            titulo=f"ACT {acordo.numero}: {_resumo(o.acao.descricao)} ({o.ordinal}ª)",
            descricao=(
                f"{o.acao.descricao}\nResponsáveis: {', '.join(p.sigla for p in o.acao.responsaveis.all())}\n"
                f"Prazo no plano: {o.acao.prazo_texto}\nSituação: {_situacao(o, hoje)}"
            ),
            url=request.build_absolute_uri(o.get_absolute_url()),
            avisos_dias=() if o.concluida else AVISOS_DIAS,
        )
        for o in ocorrencias
    ]
    # O ETag resume o que o calendário diz (eventos, situações do dia, endereços), não a hora da geração: com
    # o cronograma inalterado, o programa de calendário que repete o If-None-Match recebe 304 sem o .ics ser
    # montado de novo. Sem Last-Modified: as ações não guardam quando mudaram e a situação muda com o dia.
    etag = quote_etag(hashlib.sha256(repr((nome, eventos)).encode()).hexdigest()[:32])
    inalterado = get_conditional_response(request, etag=etag)
    if inalterado is not None:
        inalterado["ETag"] = etag  # o 304 repete o validador (RFC 9110, 15.4.5)
        return inalterado
    conteudo = calendario.gerar_ics(nome=nome, eventos=eventos, gerado_em=timezone.now())
    resposta = HttpResponse(conteudo, content_type="text/calendar; charset=utf-8")
    resposta["ETag"] = etag
    arquivo = "act-142-2024" + (f"-{sigla.replace('/', '-').lower()}" if sigla else "")
    resposta["Content-Disposition"] = f'attachment; filename="{arquivo}.ics"'
    return resposta


def _acordo_ou_404() -> Acordo:
    acordo = selectors.acordo_atual()
    if acordo is None:
        raise Http404("O ACT ainda não foi carregado.")
    return acordo


@login_not_required
@require_GET
def assinatura(request, token: str, sigla: str | None = None):
    """O feed pela URL secreta: sem sessão; a permissão é a do dono do token, conferida a cada leitura."""
    dono = TokenCalendario.objects.select_related("usuario").filter(token=token).first()
    if dono is None or not dono.usuario.is_active or not dono.usuario.has_perm(LEITURA):
        raise Http404("Calendário não encontrado.")
    resposta = resposta_ics(request, _acordo_ou_404(), sigla=sigla)
    resposta["Cache-Control"] = "private, no-store"
    resposta["X-Robots-Tag"] = "noindex"
    resposta["Referrer-Policy"] = "no-referrer"
    return resposta


@permission_required(LEITURA, raise_exception=True)
def meu_calendario(request):
    """Mostra, cria, troca ou revoga a URL secreta do calendário de quem está logado."""
    if request.method == "POST":
        if request.POST.get("acao") == "revogar":
            if services.token_calendario_revogar(usuario=request.user):
                messages.success(request, "URL revogada: os calendários que a assinavam param de atualizar.")
        else:
            services.token_calendario_gerar(usuario=request.user)
            messages.success(
                request, "Nova URL criada; a anterior, se havia, parou de funcionar. Assine a nova."
            )
        return redirect("acordo:meu_calendario")
    token = TokenCalendario.objects.filter(usuario=request.user).first()
    acordo = selectors.acordo_atual()
    urls = []
    if token is not None:
        urls.append(("Todas as ações", reverse("acordo:assinatura", args=[token.token])))
        for p in acordo.participes.all() if acordo else []:
            urls.append(
                (f"Ações de {p.sigla}", reverse("acordo:assinatura_participe", args=[token.token, p.sigla]))
            )
    return render(
        request,
        "acordo/meu_calendario.html",
        {
            "token": token,
            "urls": [(rotulo, request.build_absolute_uri(url)) for rotulo, url in urls],
            "avisos_dias": AVISOS_DIAS,
        },
    )
