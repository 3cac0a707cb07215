"""Acesso às contratações: a Equipe do órgão edita, a Consulta lê, outro órgão: 404, superusuário: tudo."""

import pytest
from django.urls import reverse

from contratos.models import Contratacao


def _urls(c):
    ordem = c.ordens.get()
    item = c.itens.get()
    return {
        "detalhe": ("get", reverse("contratos:contratacao_detalhe", args=[c.pk])),
        "anexo_a": ("get", reverse("contratos:contratacao_anexo_a", args=[c.pk])),
        "imprimir_os": ("get", reverse("contratos:os_imprimir", args=[ordem.pk])),
        "editar": ("get", reverse("contratos:contratacao_editar", args=[c.pk])),
        "reprecificar": ("get", reverse("contratos:contratacao_reprecificar", args=[c.pk])),
        "novo_item": ("get", reverse("contratos:item_criar", args=[c.pk])),
        "editar_item": ("get", reverse("contratos:item_editar", args=[item.pk])),
        "nova_os": ("get", reverse("contratos:os_criar", args=[c.pk])),
        "calcular": ("post", reverse("contratos:os_calcular", args=[c.pk]) + f"?os={ordem.pk}"),
        "linhas": ("post", reverse("contratos:os_linhas", args=[c.pk]) + f"?os={ordem.pk}&acao=adicionar"),
        "salvar_os": ("post", reverse("contratos:os_editar", args=[ordem.pk])),
        "duplicar": ("post", reverse("contratos:contratacao_duplicar", args=[c.pk])),
        "excluir_os": ("post", reverse("contratos:os_excluir", args=[ordem.pk])),
        "excluir_item": ("post", reverse("contratos:item_excluir", args=[item.pk])),
        "excluir": ("post", reverse("contratos:contratacao_excluir", args=[c.pk])),
    }


LEITURAS = {"detalhe", "anexo_a", "imprimir_os"}
ESCRITAS = [
    "editar",
    "reprecificar",
    "novo_item",
    "editar_item",
    "nova_os",
    "calcular",
    "linhas",
    "salvar_os",
    "duplicar",
    "excluir_os",
    "excluir_item",
    "excluir",
]
TODAS = sorted(LEITURAS) + ESCRITAS


def _pedir(cliente, metodo, url):
    return getattr(cliente, metodo)(url, {"linhas-TOTAL_FORMS": "0"} if metodo == "post" else None)


def _situacoes(cliente, contratacao, paginas):
    urls = _urls(contratacao)  # antes das exclusões, que vêm por último
    return {pagina: _pedir(cliente, *urls[pagina]).status_code for pagina in paginas}


def test_outro_orgao_recebe_404_em_todas_as_paginas_e_downloads(exemplo, client_outro_orgao):
    assert _situacoes(client_outro_orgao, exemplo, TODAS) == dict.fromkeys(TODAS, 404)
    assert Contratacao.objects.count() == 1 and exemplo.ordens.count() == 1


def test_consulta_le_e_recebe_403_nas_escritas(exemplo, client_consulta):
    assert _situacoes(client_consulta, exemplo, sorted(LEITURAS)) == dict.fromkeys(LEITURAS, 200)
    assert _situacoes(client_consulta, exemplo, ESCRITAS) == dict.fromkeys(ESCRITAS, 403)
    assert Contratacao.objects.count() == 1 and exemplo.ordens.count() == 1


def test_consulta_na_edicao_da_os_vai_para_a_impressao(exemplo, client_consulta):
    ordem = exemplo.ordens.get()
    r = client_consulta.get(ordem.get_absolute_url())
    assert r.status_code == 302 and r["Location"] == reverse("contratos:os_imprimir", args=[ordem.pk])


@pytest.mark.parametrize("cliente", ["client_equipe", "client_super"])
def test_equipe_do_orgao_e_superusuario_usam_todas(cliente, exemplo, request):
    """Leituras 200; escritas 200 ou redirecionam depois de gravar (a exclusão da contratação por último)."""
    situacoes = _situacoes(request.getfixturevalue(cliente), exemplo, TODAS)
    assert {p: s for p, s in situacoes.items() if s not in (200, 302)} == {}
    assert not Contratacao.objects.filter(pk=exemplo.pk).exists()


def test_lista_so_mostra_os_orgaos_do_usuario(exemplo, client_outro_orgao, client_consulta, client_super):
    url = reverse("contratos:contratacao_lista")
    assert exemplo.numero_processo not in client_outro_orgao.get(url).content.decode()
    assert exemplo.numero_processo in client_consulta.get(url).content.decode()
    assert exemplo.numero_processo in client_super.get(url).content.decode()


def test_consulta_nao_ve_botoes_de_edicao(exemplo, client_consulta):
    texto = client_consulta.get(exemplo.get_absolute_url()).content.decode()
    assert "Exportar Anexo A" in texto
    assert "Reprecificar" not in texto and "Excluir" not in texto and "Criar contratação" not in texto


def test_sem_grupo_nao_le(exemplo, criar_usuario, orgao, client):
    client.force_login(criar_usuario("semgrupo", orgaos=[orgao]))
    assert client.get(exemplo.get_absolute_url()).status_code == 403
    assert client.get(reverse("contratos:contratacao_lista")).status_code == 403


def test_anonimo_vai_para_o_login(exemplo, client):
    r = client.get(exemplo.get_absolute_url())
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_equipe_so_cria_no_proprio_orgao(outro_orgao, mapa, client_equipe):
    dados = {
        "orgao": outro_orgao.pk,
        "objeto": "x",
        "numero_processo": "19974.000001/2026-01",
        "meses": "12",
        "mapa": mapa.pk,
        "equipe-TOTAL_FORMS": "0",
        "equipe-INITIAL_FORMS": "0",
    }
    r = client_equipe.post(reverse("contratos:contratacao_criar"), dados)
    assert "Faça uma escolha válida" in r.content.decode()
    assert not Contratacao.objects.exists()
