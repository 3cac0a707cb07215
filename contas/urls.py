from django.contrib.auth.decorators import login_not_required
from django.urls import path

from contas import govbr, views

app_name = "contas"

urlpatterns = [
    path("govbr/entrar/", login_not_required(govbr.GovbrEntrar.as_view()), name="govbr_entrar"),
    path("govbr/retorno/", login_not_required(govbr.GovbrRetorno.as_view()), name="govbr_retorno"),
    path("sem-acesso/", views.sem_acesso, name="sem_acesso"),
    path("minha-conta/", views.minha_conta, name="minha_conta"),
    path("minha-conta/encerrar-outras-sessoes/", views.encerrar_outras_sessoes, name="encerrar_outras"),
    path("pessoas/", views.pessoas_inicio, name="pessoas_inicio"),
    path("orgaos/<int:pk>/pessoas/", views.pessoas, name="pessoas"),
    path("orgaos/<int:pk>/pessoas/convidar/", views.pessoa_convidar, name="pessoa_convidar"),
    path("orgaos/<int:pk>/pessoas/adicionar/", views.pessoa_adicionar, name="pessoa_adicionar"),
    path("orgaos/<int:pk>/pessoas/<int:pessoa>/papeis/", views.pessoa_papeis, name="pessoa_papeis"),
    path("orgaos/<int:pk>/pessoas/<int:pessoa>/remover/", views.pessoa_remover, name="pessoa_remover"),
    path("orgaos/<int:pk>/auditoria/", views.auditoria, name="auditoria"),
]
