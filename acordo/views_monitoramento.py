"""Monitoramento mensal e balanço semestral do ACT (página, XLSX e impressão) e o relatório anexado.

Só quem acompanha o ACT (Acompanhamento do ACT, Administrador de referências) vê os totais de todos os
órgãos (`acordo.ver_monitoramento`); a equipe e a consulta de um órgão recebem 403.
"""

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from acordo import monitoramento, relatorio_xlsx, selectors
from acordo.models import RelatorioAnexado
from acordo.permissoes import MONITORAMENTO
from contratos.estimativa import formatar_reais
from core import exportacoes
from core.models import Exportacao

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRIMEIRO_MES = date(2024, 11, 1)  # mês da assinatura do ACT 142/2024


def mes_valido(ano: int, mes: int, *, hoje: date) -> date:
    """O primeiro dia do mês pedido; 404 para mês inexistente, futuro ou anterior ao ACT."""
    if not 1 <= mes <= 12 or not 2000 <= ano <= 2100:
        raise Http404("Mês inválido.")
    inicio = date(ano, mes, 1)
    if inicio > hoje.replace(day=1) or inicio < PRIMEIRO_MES:
        raise Http404("Não há relatório para este mês.")
    return inicio


def _navegacao(mes: date, hoje: date, nome_url: str) -> dict:
    anterior, proximo = monitoramento.somar_meses(mes, -1), monitoramento.somar_meses(mes, 1)
    return {
        "anterior": anterior if anterior >= PRIMEIRO_MES else None,
        "proximo": proximo if proximo <= hoje.replace(day=1) else None,
        "nome_url": nome_url,
    }


def _carimbo(request) -> tuple:
    usuario = request.user
    return timezone.localtime(), usuario.get_full_name() or usuario.get_username()


def _ultimo_mes_completo() -> date:
    """Onde os relatórios abrem: o mês que a próxima ocorrência monitora."""
    return max(monitoramento.somar_meses(timezone.localdate().replace(day=1), -1), PRIMEIRO_MES)


@permission_required(MONITORAMENTO, raise_exception=True)
def inicio(request):
    mes = _ultimo_mes_completo()
    return redirect("acordo:monitoramento_mes", ano=mes.year, mes=mes.month)


def gerar_arquivo(*, mes: date, balanco: bool, hoje: date, gerado_por: str, carimbo) -> bytes:
    """Os bytes do XLSX do mês (ou do balanço que termina nele): o mesmo arquivo do download e do anexo,
    gerado na hora do carimbo."""
    gerado_em = carimbo.gerado_em
    if balanco:
        b = selectors.balanco_semestral(mes, hoje=hoje)
        return relatorio_xlsx.gerar_xlsx(
            b.ultimo, gerado_em=gerado_em, gerado_por=gerado_por, balanco=b, carimbo=carimbo
        )
    r = selectors.relatorio_mensal(mes, hoje=hoje)
    return relatorio_xlsx.gerar_xlsx(r, gerado_em=gerado_em, gerado_por=gerado_por, carimbo=carimbo)


def tipo_do_arquivo(*, balanco: bool) -> str:
    return Exportacao.Tipo.ACT_SEMESTRAL if balanco else Exportacao.Tipo.ACT_MENSAL


def descricao_do_arquivo(acordo, *, mes: date, balanco: bool) -> str:
    """O "de quê" do carimbo: o mesmo no download e no relatório anexado à ocorrência."""
    periodo = "balanço semestral até" if balanco else "relatório mensal de"
    return f"{acordo} – {periodo} {mes:%m/%Y}"


def _exportar(request, *, mes: date, balanco: bool, hoje: date, gerado_por: str):
    """O XLSX do download, carimbado e registrado (core.exportacoes) com o ACT como origem."""
    acordo = selectors.acordo_atual()
    if acordo is None:
        raise Http404("O ACT não está cadastrado.")
    return exportacoes.exportar(
        request,
        tipo=tipo_do_arquivo(balanco=balanco),
        origem=acordo,
        descricao=descricao_do_arquivo(acordo, mes=mes, balanco=balanco),
        nome=relatorio_xlsx.nome_do_arquivo(mes, balanco=balanco),
        gerar=lambda carimbo: gerar_arquivo(
            mes=mes, balanco=balanco, hoje=hoje, gerado_por=gerado_por, carimbo=carimbo
        ),
    )


def _pagina(request, ano, mes, *, balanco: bool, formato: str):
    hoje = timezone.localdate()
    inicio_mes = mes_valido(ano, mes, hoje=hoje)
    gerado_em, gerado_por = _carimbo(request)
    if formato == "xlsx":
        return _exportar(request, mes=inicio_mes, balanco=balanco, hoje=hoje, gerado_por=gerado_por)
    contexto = {
        "hoje": hoje,
        "gerado_em": gerado_em,
        "gerado_por": gerado_por,
        "minimo_orgaos": monitoramento.MINIMO_ORGAOS,
        "pode_concluir": request.user.has_perm("acordo.change_ocorrencia"),
    }
    if balanco:
        b = selectors.balanco_semestral(inicio_mes, hoje=hoje)
        contexto.update(balanco=b, relatorio=b.ultimo, grafico=grafico_da_serie(b.serie))
        nome_url = "acordo:balanco_mes"
    else:
        contexto["relatorio"] = selectors.relatorio_mensal(inicio_mes, hoje=hoje)
        nome_url = "acordo:monitoramento_mes"
    r = contexto["relatorio"]
    periodo = "semestre" if balanco else "mês"
    contexto["periodo"] = periodo
    contexto["relatorio_ocorrencias"] = [
        (f"Vencem no {periodo}", r.vencem, "vencem"),
        (f"Concluídas no {periodo}", r.concluidas, "concluidas"),
        (f"Em atraso no fim do {periodo}", r.atrasadas, "atrasadas"),
    ]
    contexto["imprimir"] = formato == "imprimir"
    contexto.update(_navegacao(inicio_mes, hoje, nome_url))
    contexto["ocorrencia_alvo"] = selectors.ocorrencia_do_relatorio(
        inicio_mes, tipo=RelatorioAnexado.Tipo.SEMESTRAL if balanco else RelatorioAnexado.Tipo.MENSAL
    )
    modelo = "acordo/monitoramento_impressao.html" if formato == "imprimir" else "acordo/monitoramento.html"
    return render(request, modelo, contexto)


@permission_required(MONITORAMENTO, raise_exception=True)
def mensal(request, ano, mes, formato="html"):
    return _pagina(request, ano, mes, balanco=False, formato=formato)


@permission_required(MONITORAMENTO, raise_exception=True)
def balanco_inicio(request):
    mes = _ultimo_mes_completo()
    return redirect("acordo:balanco_mes", ano=mes.year, mes=mes.month)


@permission_required(MONITORAMENTO, raise_exception=True)
def semestral(request, ano, mes, formato="html"):
    return _pagina(request, ano, mes, balanco=True, formato=formato)


@permission_required(MONITORAMENTO, raise_exception=True)
def relatorio_anexado(request, pk):
    """O arquivo exatamente como foi guardado na conclusão (o SHA-256 mostrado é o destes bytes)."""
    anexo = get_object_or_404(RelatorioAnexado, pk=pk)
    resposta = HttpResponse(bytes(anexo.conteudo), content_type=XLSX)
    resposta["Content-Disposition"] = f'attachment; filename="{anexo.nome_arquivo}"'
    return resposta


# Gráfico da série do balanço (SVG desenhado no servidor, com tabela alternativa na página) ----------------

LARGURA, ALTURA, MARGEM, BASE = 640, 240, 56, 200


def grafico_da_serie(serie) -> dict:
    maior = max((p.totais.mensal for p in serie), default=0)
    passo = (LARGURA - 2 * MARGEM) / max(len(serie), 1)
    barras = []
    for i, p in enumerate(serie):
        altura = int(p.totais.mensal * (BASE - 30) / maior) if maior else 0
        x = round(MARGEM + i * passo + passo * 0.15, 1)
        barras.append(
            {
                "x": x,
                "y": BASE - altura,
                "largura": round(passo * 0.7, 1),
                "altura": altura,
                "meio": round(x + passo * 0.35, 1),
                "mes": f"{p.mes:%m/%Y}",
                "valor": formatar_reais(p.totais.mensal),
            }
        )
    return {"largura": LARGURA, "altura": ALTURA, "base": BASE, "barras": barras, "rotulo_y": BASE + 20}
