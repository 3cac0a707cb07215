"""As permissões do backend do projeto (SQL escrito à mão, uma consulta) são as mesmas do ModelBackend do
Django: as do usuário, as dos grupos, as duas juntas, nenhuma para quem está inativo."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from contas.autenticacao import ModelBackendUmaConsulta
from core.grupos import CONSULTA, EQUIPE, FISCAL
from tests.consultas import consultas_exatas


def _do_django(usuario):
    return ModelBackend().get_all_permissions(type(usuario).objects.get(pk=usuario.pk))


def _do_projeto(usuario):
    return ModelBackendUmaConsulta().get_all_permissions(type(usuario).objects.get(pk=usuario.pk))


@pytest.mark.parametrize("grupos", [[], [CONSULTA], [EQUIPE, FISCAL], [EQUIPE, CONSULTA, FISCAL]])
def test_mesmas_permissoes_que_o_model_backend(criar_usuario, grupos):
    usuario = criar_usuario("pessoa", grupos=grupos)
    direta = Permission.objects.get(codename="gerir_pessoas")
    assert _do_projeto(usuario) == _do_django(usuario)
    usuario.user_permissions.add(direta)  # uma direta, além das dos grupos (e repetida com um grupo)
    usuario.user_permissions.add(Permission.objects.get(codename="view_contratacao"))
    esperadas = _do_django(usuario)
    assert "contas.gerir_pessoas" in esperadas
    assert _do_projeto(usuario) == esperadas


def test_uma_consulta_e_cache_no_usuario(criar_usuario):
    usuario = type(criar_usuario("pessoa", grupos=[EQUIPE])).objects.get(username="pessoa")
    backend = ModelBackendUmaConsulta()
    with consultas_exatas(1):
        primeira = backend.get_all_permissions(usuario)
        assert backend.get_all_permissions(usuario) is primeira
    assert "contratos.change_contratacao" in primeira


def test_inativo_e_superusuario(criar_usuario, django_user_model):
    inativo = criar_usuario("inativo", grupos=[EQUIPE], is_active=False)
    assert _do_projeto(inativo) == set()
    raiz = django_user_model.objects.create_superuser("raiz", password="x")
    todas = Permission.objects.values_list("content_type__app_label", "codename")
    assert _do_projeto(raiz) == _do_django(raiz) == {f"{app}.{codigo}" for app, codigo in todas}
