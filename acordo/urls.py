from django.urls import path

from acordo import views

app_name = "acordo"

urlpatterns = [
    path("", views.detalhe, name="detalhe"),
    path("cronograma/", views.cronograma, name="cronograma"),
    path("linha-do-tempo/", views.linha_do_tempo, name="linha_do_tempo"),
    path("ocorrencias/<int:pk>/", views.ocorrencia, name="ocorrencia"),
    path("ocorrencias/<int:pk>/concluir/", views.OcorrenciaConcluir.as_view(), name="concluir"),
    path("ocorrencias/<int:pk>/reabrir/", views.OcorrenciaReabrir.as_view(), name="reabrir"),
    path("vigencia/", views.VigenciaAlterar.as_view(), name="vigencia"),
    path("calendario.ics", views.ics, name="ics"),
    # a sigla "SGD/MGI" tem barra: path: aceita
    path("calendario/<path:sigla>.ics", views.ics, name="ics_participe"),
]
