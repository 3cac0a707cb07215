"""Sessão gravada no máximo uma vez por minuto e ainda expirando ociosa; HTML comprimido (issue 19)."""

import gzip
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
PAINEL = "/"
MINUTO = timedelta(seconds=settings.SESSAO_RENOVAR_APOS)
PRAZO = timedelta(seconds=settings.SESSION_COOKIE_AGE)


class Relogio:
    """timezone.now() controlado: o prazo da sessão (backend do banco) e o da renovação (middleware)."""

    def __init__(self):
        self.agora = timezone.now()

    def avancar(self, delta):
        self.agora += delta

    def __call__(self):
        return self.agora


@pytest.fixture
def relogio():
    r = Relogio()
    with mock.patch("django.utils.timezone.now", r):
        yield r


def _gravacoes_da_sessao(cliente, url=PAINEL):
    with CaptureQueriesContext(connection) as consultas:
        resposta = cliente.get(url)
    gravacoes = [
        c for c in consultas.captured_queries if c["sql"].startswith("UPDATE") and "session" in c["sql"]
    ]
    return resposta, len(gravacoes)


def _expira_em(cliente):
    return Session.objects.get(session_key=cliente.session.session_key).expire_date


def test_sessao_gravada_no_maximo_uma_vez_por_minuto(client_equipe, relogio):
    client_equipe.get(PAINEL)  # a primeira página grava a marca da renovação
    expira = _expira_em(client_equipe)
    for _ in range(5):
        relogio.avancar(timedelta(seconds=10))
        resposta, gravacoes = _gravacoes_da_sessao(client_equipe)
        assert resposta.status_code == 200
        assert gravacoes == 0
    assert _expira_em(client_equipe) == expira
    relogio.avancar(MINUTO)  # passou um minuto da última renovação: a página seguinte renova o prazo
    _, gravacoes = _gravacoes_da_sessao(client_equipe)
    assert gravacoes == 1
    assert _expira_em(client_equipe) == relogio.agora + PRAZO


def test_sessao_ativa_nao_expira(client_equipe, relogio):
    """Uma página a cada 20 minutos, por 2 horas: a sessão segue viva (cada uma renova o prazo)."""
    client_equipe.get(PAINEL)
    for _ in range(6):
        relogio.avancar(timedelta(minutes=20))
        assert client_equipe.get(PAINEL).status_code == 200


def test_sessao_expira_apos_30_minutos_ociosa(client_equipe, relogio):
    client_equipe.get(PAINEL)
    relogio.avancar(timedelta(seconds=30))
    assert client_equipe.get(PAINEL).status_code == 200  # dentro do minuto: não regrava
    # Ociosa: ainda vale um pouco antes do prazo contado da última gravação...
    relogio.avancar(PRAZO - timedelta(seconds=31))
    assert client_equipe.get(PAINEL).status_code == 200
    # ...e essa visita (mais de um minuto depois da gravação) renovou: 30 min ociosa a partir dela, expira.
    relogio.avancar(PRAZO + timedelta(seconds=1))
    resposta = client_equipe.get(PAINEL)
    assert resposta.status_code == 302
    assert resposta["Location"] == f"{reverse(settings.LOGIN_URL)}?next={PAINEL}"


def test_html_comprimido_com_gzip(client_equipe):
    simples = client_equipe.get(PAINEL)
    comprimida = client_equipe.get(PAINEL, headers={"accept-encoding": "gzip, deflate"})
    assert "Content-Encoding" not in simples
    assert comprimida["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in comprimida["Vary"]
    html = gzip.decompress(comprimida.content)
    assert b"PlanejaTIC" in html
    assert len(comprimida.content) < len(simples.content) / 3
