"""Todas as páginas de contratos num só estilo de permissão: sem grupo, 403; de outro órgão, 404."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from contratos.models import Contratacao, Item
from tests.contratos.test_nuvem import criar_catalogo

MOTIVO_SEM_ACESSO = "Seu perfil não dá acesso às contratações dos órgãos."


@pytest.fixture
def item_de_nuvem(exemplo):
    return Item.objects.create(
        contratacao=exemplo, numero=2, descricao="Nuvem", tipo="nuvem", catalogo=criar_catalogo()
    )


def _paginas(contratacao, item_nuvem):
    """Todas as rotas de contratos (as do mapa não dependem de órgão)."""
    c, ordem, item = contratacao.pk, contratacao.ordens.get().pk, contratacao.itens.get(numero=1).pk
    return {
        "contratacao_detalhe": ("get", [c]),
        "contratacao_anexo_a": ("get", [c]),
        "contratacao_editar": ("get", [c]),
        "contratacao_reprecificar": ("get", [c]),
        "contratacao_duplicar": ("post", [c]),
        "item_criar": ("get", [c]),
        "os_criar": ("get", [c]),
        "os_calcular": ("post", [c]),
        "os_linhas": ("post", [c]),
        "item_editar": ("get", [item]),
        "item_nuvem": ("get", [item_nuvem.pk]),
        "item_nuvem_calcular": ("post", [item_nuvem.pk]),
        "item_nuvem_linhas": ("post", [item_nuvem.pk]),
        "os_editar": ("get", [ordem]),
        "os_imprimir": ("get", [ordem]),
        "os_excluir": ("post", [ordem]),
        "item_excluir": ("post", [item]),
        "contratacao_excluir": ("post", [c]),
    }


SEM_OBJETO = {
    "contratacao_lista": [],
    "contratacao_criar": [],
    "mapa": [],
    "mapa_comparar": [],
    "mapa_exportar": None,  # precisa de uma versão
}


def _pedir(cliente, rota, metodo, args):
    return getattr(cliente, metodo)(reverse(f"contratos:{rota}", args=args))


def test_sem_grupo_recebe_403_em_todas_as_paginas(exemplo, item_de_nuvem, criar_usuario, orgao):
    """Mesmo membro do órgão (o escopo o deixaria ver), quem não tem perfil não abre nada de contratos.
    Com um papel alheio (sem papel algum o portão de contas responde antes: "ainda sem acesso"), a recusa
    e o motivo vêm das próprias views."""
    cliente = Client()
    usuario = criar_usuario("sem-grupo", orgaos=[orgao])
    usuario.user_permissions.add(Permission.objects.get(codename="view_group"))
    cliente.force_login(usuario)
    situacoes = {
        rota: _pedir(cliente, rota, metodo, args).status_code
        for rota, (metodo, args) in _paginas(exemplo, item_de_nuvem).items()
    }
    args_mapa = {"mapa_exportar": [exemplo.mapa_id, "xlsx"]}
    situacoes |= {
        rota: _pedir(cliente, rota, "get", args_mapa.get(rota, args)).status_code
        for rota, args in SEM_OBJETO.items()
    }
    assert situacoes == dict.fromkeys(situacoes, 403)
    assert Contratacao.objects.count() == 1 and exemplo.ordens.count() == 1
    for rota in ("contratacao_detalhe", "contratacao_lista", "item_nuvem"):
        args = {"contratacao_detalhe": [exemplo.pk], "item_nuvem": [item_de_nuvem.pk]}.get(rota, [])
        assert MOTIVO_SEM_ACESSO in _pedir(cliente, rota, "get", args).content.decode(), rota


def test_outro_orgao_recebe_404_em_todas_as_paginas_com_objeto(exemplo, item_de_nuvem, client_outro_orgao):
    situacoes = {
        rota: _pedir(client_outro_orgao, rota, metodo, args).status_code
        for rota, (metodo, args) in _paginas(exemplo, item_de_nuvem).items()
    }
    assert situacoes == dict.fromkeys(situacoes, 404)
    assert Contratacao.objects.count() == 1 and exemplo.ordens.count() == 1


def test_todos_os_grupos_leem_o_mapa(
    exemplo, client_equipe, client_consulta, client_admin_ref, client_acompanhamento
):
    for cliente in (client_equipe, client_consulta, client_admin_ref, client_acompanhamento):
        for rota, args in (("mapa", []), ("mapa_comparar", []), ("mapa_exportar", [exemplo.mapa_id, "xlsx"])):
            assert _pedir(cliente, rota, "get", args).status_code == 200, rota
