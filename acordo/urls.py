from django.urls import path

from acordo import views, views_calendario, views_monitoramento, views_representantes

app_name = "acordo"


def _relatorio(prefixo: str, view, nome: str) -> list:
    """Página, XLSX e versão para impressão de um relatório do mês (AAAA-MM)."""
    mes = f"{prefixo}/<int:ano>-<int:mes>"
    return [
        path(f"{mes}/", view, name=f"{nome}_mes"),
        path(f"{mes}.xlsx", view, {"formato": "xlsx"}, name=f"{nome}_xlsx"),
        path(f"{mes}/imprimir/", view, {"formato": "imprimir"}, name=f"{nome}_imprimir"),
    ]


urlpatterns = [
    path("", views.detalhe, name="detalhe"),
    path("cronograma/", views.cronograma, name="cronograma"),
    path("linha-do-tempo/", views.linha_do_tempo, name="linha_do_tempo"),
    path("ocorrencias/<int:pk>/", views.ocorrencia, name="ocorrencia"),
    path("ocorrencias/<int:pk>/concluir/", views.OcorrenciaConcluir.as_view(), name="concluir"),
    path("ocorrencias/<int:pk>/reabrir/", views.OcorrenciaReabrir.as_view(), name="reabrir"),
    path("vigencia/", views.VigenciaAlterar.as_view(), name="vigencia"),
    path("representantes/", views_representantes.representantes, name="representantes"),
    # calendário assinável por URL secreta (sem sessão) e a página que a gere;
    # antes de calendario/<path:sigla>.ics, que também casaria com estes caminhos
    path("meu-calendario/", views_calendario.meu_calendario, name="meu_calendario"),
    path("calendario/assinar/<str:token>.ics", views_calendario.assinatura, name="assinatura"),
    path(
        "calendario/assinar/<str:token>/<path:sigla>.ics",
        views_calendario.assinatura,
        name="assinatura_participe",
    ),
    path("calendario.ics", views.ics, name="ics"),
    # a sigla "SGD/MGI" tem barra: path: aceita
    path("calendario/<path:sigla>.ics", views.ics, name="ics_participe"),
    # monitoramento mensal e balanço semestral (só agregados; acordo.ver_monitoramento)
    path("monitoramento/", views_monitoramento.inicio, name="monitoramento"),
    *_relatorio("monitoramento", views_monitoramento.mensal, "monitoramento"),
    path("balanco/", views_monitoramento.balanco_inicio, name="balanco"),
    *_relatorio("balanco", views_monitoramento.semestral, "balanco"),
    path("relatorios/<int:pk>/", views_monitoramento.relatorio_anexado, name="relatorio_anexado"),
]
