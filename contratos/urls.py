from django.urls import path

from contratos import views

app_name = "contratos"

urlpatterns = [
    path("mapa-salarial/", views.mapa, name="mapa"),
    path("mapa-salarial/comparar/", views.mapa_comparar, name="mapa_comparar"),
    path("mapa-salarial/<int:pk>/exportar.<str:formato>", views.mapa_exportar, name="mapa_exportar"),
]
