from django.urls import path

from catalogo import views

app_name = "catalogo"

urlpatterns = [
    path("", views.CatalogoInicio.as_view(), name="inicio"),
    path("comparar/", views.CompararVersoes.as_view(), name="comparar"),
    path("versoes/<int:pk>/", views.VersaoDetalhe.as_view(), name="versao"),
    path("versoes/<int:pk>/planilha.<str:formato>", views.VersaoExportar.as_view(), name="exportar"),
    path("modelo-<slug:tipo>.<str:formato>", views.ModeloEmBranco.as_view(), name="modelo"),
    path("<slug:tipo>/", views.CatalogoVigente.as_view(), name="vigente"),
]
