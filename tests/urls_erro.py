"""URLconf de teste: as rotas do produto e uma que falha como o banco falharia (página 500)."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as rotas_do_produto


@login_not_required
def quebrar(request):
    raise OperationalError("database is locked")


urlpatterns = [*rotas_do_produto, path("teste/quebrar/", quebrar)]
