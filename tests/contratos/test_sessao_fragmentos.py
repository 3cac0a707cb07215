"""A sessão desliza com as páginas, mas os totais ao vivo (htmx) não a regravam a cada tecla."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.contratos.test_estimativa_paginas import dados_os


def _escritas_na_sessao(consultas):
    return [
        c["sql"]
        for c in consultas
        if "django_session" in c["sql"] and c["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


@pytest.fixture
def ordem(exemplo):
    return exemplo.ordens.get()


def _pedidos(ordem):
    contratacao = ordem.contratacao
    linhas = [
        {"perfil": linha.perfil_id, "quantidade": "3", "fator_k": "", "justificativa": ""}
        for linha in ordem.linhas.order_by("pk")
    ]
    dados = dados_os(ordem.item, linhas, numero=ordem.numero, versao=ordem.versao)
    return [
        (reverse("contratos:os_calcular", args=[contratacao.pk]) + f"?os={ordem.pk}", dados),
        (reverse("contratos:os_linhas", args=[contratacao.pk]) + f"?os={ordem.pk}&acao=adicionar", dados),
    ]


def test_totais_ao_vivo_nao_regravam_a_sessao(client_equipe, ordem):
    client_equipe.get(reverse("contratos:os_editar", args=[ordem.pk]))  # página: renova
    for url, dados in _pedidos(ordem):
        with CaptureQueriesContext(connection) as consultas:
            resposta = client_equipe.post(url, dados, HTTP_HX_REQUEST="true")
        assert resposta.status_code == 200
        assert _escritas_na_sessao(consultas) == [], url


def test_pagina_renova_a_sessao_e_fragmento_renova_depois_de_um_tempo(client_equipe, ordem, monkeypatch):
    url_pagina = reverse("contratos:os_editar", args=[ordem.pk])
    with CaptureQueriesContext(connection) as consultas:
        client_equipe.get(url_pagina)
    assert len(_escritas_na_sessao(consultas)) == 1  # a expiração desliza a cada página

    # O relógio do middleware (e do prazo da sessão) é o timezone.now() do Django.
    agora = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: agora + timedelta(minutes=6))
    url, dados = _pedidos(ordem)[0]
    with CaptureQueriesContext(connection) as consultas:
        client_equipe.post(url, dados, HTTP_HX_REQUEST="true")
    # seis minutos só de totais ao vivo: renova uma vez, para quem digita muito tempo não perder a sessão
    assert len(_escritas_na_sessao(consultas)) == 1
    with CaptureQueriesContext(connection) as consultas:
        client_equipe.post(url, dados, HTTP_HX_REQUEST="true")
    assert _escritas_na_sessao(consultas) == []
