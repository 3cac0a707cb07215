from django.urls import path

from contratos.propostas import views

urlpatterns = [
    path("contratacoes/<int:pk>/propostas/", views.propostas, name="contratacao_propostas"),
    path("contratacoes/<int:pk>/propostas/nova/", views.proposta_nova, name="contratacao_proposta_nova"),
    path(
        "contratacoes/<int:pk>/propostas/analise.xlsx",
        views.propostas_xlsx,
        name="contratacao_propostas_xlsx",
    ),
    path(
        "contratacoes/<int:pk>/propostas/importar/",
        views.proposta_importar,
        name="contratacao_propostas_importar",
    ),
    path("propostas/<int:pk>/", views.proposta_editar, name="proposta_editar"),
    path("propostas/<int:pk>/excluir/", views.proposta_excluir, name="proposta_excluir"),
]
