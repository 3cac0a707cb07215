from django.urls import include, path

from contratos import views, views_linhas, views_mapa
from contratos.kit_tr import views as views_kit_tr

app_name = "contratos"

urlpatterns = [
    path("mapa-salarial/", views_mapa.mapa, name="mapa"),
    path("mapa-salarial/comparar/", views_mapa.mapa_comparar, name="mapa_comparar"),
    path("mapa-salarial/<int:pk>/exportar.<str:formato>", views_mapa.mapa_exportar, name="mapa_exportar"),
    path("mapa-salarial/modelo.<str:formato>", views_mapa.mapa_modelo, name="mapa_modelo"),
    path("contratacoes/", views.contratacao_lista, name="contratacao_lista"),
    path("contratacoes/nova/", views.contratacao_criar, name="contratacao_criar"),
    path("contratacoes/<int:pk>/", views.contratacao_detalhe, name="contratacao_detalhe"),
    path("contratacoes/<int:pk>/editar/", views.contratacao_editar, name="contratacao_editar"),
    path("contratacoes/<int:pk>/excluir/", views.contratacao_excluir, name="contratacao_excluir"),
    path("contratacoes/<int:pk>/duplicar/", views.contratacao_duplicar, name="contratacao_duplicar"),
    path(
        "contratacoes/<int:pk>/reprecificar/", views.contratacao_reprecificar, name="contratacao_reprecificar"
    ),
    path("contratacoes/<int:pk>/anexo-a.xlsx", views.contratacao_anexo_a, name="contratacao_anexo_a"),
    path("contratacoes/<int:pk>/kit-tr.docx", views.contratacao_kit_tr, name="contratacao_kit_tr"),
    path("verificar-arquivo/", views_kit_tr.verificar_arquivo, name="verificar_arquivo"),
    path("contratacoes/<int:pk>/itens/novo/", views.item_criar, name="item_criar"),
    path("contratacoes/<int:pk>/os/nova/", views_linhas.os_criar, name="os_criar"),
    path("contratacoes/<int:pk>/os/calcular/", views_linhas.os_calcular, name="os_calcular"),
    path("contratacoes/<int:pk>/os/linhas/", views_linhas.os_linhas, name="os_linhas"),
    path("itens/<int:pk>/editar/", views.item_editar, name="item_editar"),
    path("itens/<int:pk>/excluir/", views.item_excluir, name="item_excluir"),
    path("itens/<int:pk>/nuvem/", views_linhas.item_nuvem, name="item_nuvem"),
    path("itens/<int:pk>/nuvem/calcular/", views_linhas.item_nuvem_calcular, name="item_nuvem_calcular"),
    path("itens/<int:pk>/nuvem/linhas/", views_linhas.item_nuvem_linhas, name="item_nuvem_linhas"),
    path("os/<int:pk>/", views_linhas.os_editar, name="os_editar"),
    path("os/<int:pk>/imprimir/", views_linhas.os_imprimir, name="os_imprimir"),
    path("os/<int:pk>/excluir/", views_linhas.os_excluir, name="os_excluir"),
    path("", include("contratos.fiscalizacao.urls")),
    path("", include("contratos.propostas.urls")),
]
