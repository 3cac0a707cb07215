"""OS para impressão (issue 15, item 9): cabeçalho do órgão, data de emissão, campos de assinatura; a mesma
permissão e o mesmo escopo por órgão das outras páginas da OS."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(ordem):
    return reverse("contratos:os_imprimir", args=[ordem.pk])


def test_cabecalho_do_orgao_data_e_assinaturas_da_equipe(exemplo, client_consulta, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 3, 9))
    exemplo.equipe.create(nome="Ana Planejadora", papel="requisitante")
    exemplo.equipe.create(nome="Bruno Técnico", papel="tecnico")
    texto = client_consulta.get(_url(exemplo.ordens.get())).content.decode()
    assert "Órgão de Exemplo – ORGEX" in texto and "UASG 123456" in texto
    assert "Processo 19974.000001/2026-01" in texto
    assert 'Emitida em <time datetime="2026-03-09">09/03/2026</time>' in texto
    assert texto.count('data-testid="assinatura"') == 2
    assert "Ana Planejadora<br>Integrante requisitante" in texto
    assert "Bruno Técnico<br>Integrante técnico" in texto


def test_sem_equipe_os_tres_papeis_em_branco(exemplo, client_consulta):
    texto = client_consulta.get(_url(exemplo.ordens.get())).content.decode()
    assert texto.count('data-testid="assinatura"') == 3
    for papel in ("Integrante requisitante", "Integrante técnico", "Integrante administrativo"):
        assert f"Nome: <br>{papel}" in texto


def test_os_de_outro_orgao_responde_404(exemplo, client_outro_orgao):
    assert client_outro_orgao.get(_url(exemplo.ordens.get())).status_code == 404


def test_sem_login_vai_para_a_entrada(exemplo, client):
    r = client.get(_url(exemplo.ordens.get()))
    assert r.status_code == 302 and "/entrar/" in r["Location"]
