from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views
from config.forms import LoginForm

admin.site.site_header = "PlanejaTIC: administração"
admin.site.site_title = "PlanejaTIC"
admin.site.index_title = "Dados de referência e cadastros"

urlpatterns = [
    path("", views.painel, name="painel"),
    path("acessibilidade/", views.acessibilidade, name="acessibilidade"),
    path(
        "entrar/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    path("contas/", include("contas.urls")),
    path("contas/", include("contas.urls_senha")),
    path("catalogo/", include("catalogo.urls")),
    path("contratos/", include("contratos.urls")),
    path("acordo/", include("acordo.urls")),
    path("admin/", admin.site.urls),
]
