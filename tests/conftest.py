"""Fixtures comuns: órgãos, usuários de cada grupo e clientes já autenticados."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from contratos.models import Orgao
from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE

SENHA = "senha-de-teste-longa-123"


@pytest.fixture(autouse=True)
def _hash_rapido(settings):
    # PBKDF2 de produção custa ~0,3 s por senha; nos testes a força do hash não está em jogo.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def orgao(db):
    return Orgao.objects.create(sigla="ORGEX", nome="Órgão de Exemplo", uasg="123456")


@pytest.fixture
def outro_orgao(db):
    return Orgao.objects.create(sigla="OUTRO", nome="Outro Órgão", uasg="654321")


@pytest.fixture
def criar_usuario(db):
    def _criar(username, *, grupos=(), orgaos=(), **extra):
        usuario = User.objects.create_user(username=username, password=SENHA, **extra)
        usuario.groups.set(Group.objects.filter(name__in=grupos))
        for o in orgaos:
            o.membros.add(usuario)
        return usuario

    return _criar


@pytest.fixture
def usuario_equipe(criar_usuario, orgao):
    return criar_usuario("equipe", grupos=[EQUIPE], orgaos=[orgao], first_name="Ana", last_name="Planejadora")


@pytest.fixture
def usuario_consulta(criar_usuario, orgao):
    return criar_usuario("consulta", grupos=[CONSULTA], orgaos=[orgao])


@pytest.fixture
def usuario_outro_orgao(criar_usuario, outro_orgao):
    return criar_usuario("estranho", grupos=[EQUIPE], orgaos=[outro_orgao])


@pytest.fixture
def usuario_admin_ref(criar_usuario):
    return criar_usuario("adminref", grupos=[ADMINISTRADOR, CONSULTA], is_staff=True)


@pytest.fixture
def usuario_acompanhamento(criar_usuario):
    return criar_usuario("acompanha", grupos=[ACOMPANHAMENTO])


@pytest.fixture
def superusuario(db):
    return User.objects.create_superuser(username="super", password=SENHA, email="")


def _cliente_de(usuario_fixture):
    """Fixture de um Client já autenticado como o usuário da fixture `usuario_fixture`."""

    @pytest.fixture
    def _cliente(request):
        cliente = Client()
        cliente.force_login(request.getfixturevalue(usuario_fixture))
        return cliente

    return _cliente


client_equipe = _cliente_de("usuario_equipe")
client_consulta = _cliente_de("usuario_consulta")
client_outro_orgao = _cliente_de("usuario_outro_orgao")
client_admin_ref = _cliente_de("usuario_admin_ref")
client_acompanhamento = _cliente_de("usuario_acompanhamento")
client_super = _cliente_de("superusuario")
