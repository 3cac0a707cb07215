from django.urls import path

from contratos.fiscalizacao import views

urlpatterns = [
    path("os/<int:pk>/fiscalizacao/", views.fiscalizacao_os, name="fiscalizacao_os"),
    path("os/<int:pk>/emitir/", views.os_emitir, name="fiscalizacao_emitir"),
    path(
        "fiscalizacao/emissoes/<int:pk>/periodos/novo/",
        views.periodo_abrir,
        name="fiscalizacao_periodo_abrir",
    ),
    path("fiscalizacao/periodos/<int:pk>/", views.periodo, name="fiscalizacao_periodo"),
    path(
        "fiscalizacao/periodos/<int:pk>/alocados/novo/", views.alocado_novo, name="fiscalizacao_alocado_novo"
    ),
    path("fiscalizacao/periodos/<int:pk>/importar/", views.alocados_importar, name="fiscalizacao_importar"),
    path("fiscalizacao/periodos/<int:pk>/avaliacao/", views.avaliacao_salvar, name="fiscalizacao_avaliacao"),
    path("fiscalizacao/periodos/<int:pk>/concluir/", views.relatorio_concluir, name="fiscalizacao_concluir"),
    path("fiscalizacao/alocados/<int:pk>/", views.alocado_editar, name="fiscalizacao_alocado_editar"),
    path(
        "fiscalizacao/alocados/<int:pk>/excluir/", views.alocado_excluir, name="fiscalizacao_alocado_excluir"
    ),
    path("fiscalizacao/relatorios/<int:pk>/", views.relatorio_ver, name="fiscalizacao_relatorio"),
    path(
        "fiscalizacao/relatorios/<int:pk>/relatorio.xlsx",
        views.relatorio_xlsx,
        name="fiscalizacao_relatorio_xlsx",
    ),
]
