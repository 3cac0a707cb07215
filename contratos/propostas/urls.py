from django.urls import path

from contratos.propostas import views, views_prorrogacao

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
    path(
        "contratacoes/<int:pk>/prorrogacao/",
        views_prorrogacao.vantajosidade,
        name="contratacao_vantajosidade",
    ),
    path(
        "contratacoes/<int:pk>/prorrogacao/imprimir/",
        views_prorrogacao.vantajosidade_imprimir,
        name="contratacao_vantajosidade_imprimir",
    ),
    path(
        "contratacoes/<int:pk>/prorrogacao/vantajosidade.xlsx",
        views_prorrogacao.vantajosidade_xlsx,
        name="contratacao_vantajosidade_xlsx",
    ),
    path("propostas/<int:pk>/", views.proposta_editar, name="proposta_editar"),
    path("propostas/<int:pk>/excluir/", views.proposta_excluir, name="proposta_excluir"),
]
