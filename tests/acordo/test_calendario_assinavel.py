"""Calendário assinável por URL secreta (issue 14, item 5): sem sessão, revogável, 404 que não revela nada."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from acordo.models import Ocorrencia, TokenCalendario


def _gerar(cliente):
    resposta = cliente.post(reverse("acordo:meu_calendario"), {"acao": "gerar"})
    assert resposta.status_code == 302
    return TokenCalendario.objects.get()


def _eventos(conteudo: bytes):
    return list(Calendar.from_ical(conteudo).walk("VEVENT"))


def test_url_secreta_funciona_sem_sessao_e_tem_acao_responsaveis_situacao_e_aviso(client_consulta, act):
    token = _gerar(client_consulta)
    pagina = client_consulta.get(reverse("acordo:meu_calendario")).content.decode()
    url = reverse("acordo:assinatura", args=[token.token])
    assert url in pagina

    anonimo = Client()
    resposta = anonimo.get(url)
    assert resposta.status_code == 200
    assert resposta["Content-Type"].startswith("text/calendar")
    assert "no-store" in resposta["Cache-Control"]
    eventos = _eventos(resposta.content)
    assert len(eventos) == Ocorrencia.objects.filter(acao__acordo=act).count()
    monitoramento = next(e for e in eventos if "acao-6-ocorrencia-1@" in str(e["uid"]))
    descricao = str(monitoramento["description"])
    assert "Realizar monitoramento" in descricao and "Responsáveis: SGD/MGI, SERPRO" in descricao
    assert "Situação: Atrasada" in descricao
    alarmes = monitoramento.walk("VALARM")
    assert [a["trigger"].dt for a in alarmes] == [timedelta(days=-7), timedelta(days=-1)]
    assert all(str(a["action"]) == "DISPLAY" for a in alarmes)


def test_url_por_participe(client_consulta, act):
    token = _gerar(client_consulta)
    resposta = Client().get(reverse("acordo:assinatura_participe", args=[token.token, "SERPRO"]))
    esperado = Ocorrencia.objects.filter(acao__acordo=act, acao__responsaveis__sigla="SERPRO").count()
    assert len(_eventos(resposta.content)) == esperado
    assert Client().get(reverse("acordo:assinatura_participe", args=[token.token, "XYZ"])).status_code == 404


def test_revogar_e_regenerar(client_consulta, act):
    antigo = _gerar(client_consulta).token
    assert Client().get(reverse("acordo:assinatura", args=[antigo])).status_code == 200
    novo = _gerar(client_consulta).token
    assert novo != antigo
    assert Client().get(reverse("acordo:assinatura", args=[antigo])).status_code == 404
    assert Client().get(reverse("acordo:assinatura", args=[novo])).status_code == 200
    client_consulta.post(reverse("acordo:meu_calendario"), {"acao": "revogar"})
    assert not TokenCalendario.objects.exists()
    assert Client().get(reverse("acordo:assinatura", args=[novo])).status_code == 404
    assert 'data-testid="sem-url"' in client_consulta.get(reverse("acordo:meu_calendario")).content.decode()


def test_token_errado_responde_404_igual_para_usuario_que_existe_ou_nao(
    client_consulta, usuario_consulta, act
):
    token = _gerar(client_consulta)

    def _pedir(segredo):
        url = reverse("acordo:assinatura", args=[segredo])
        resposta = Client().get(url)
        # a página de erro repete o endereço pedido e traz um token CSRF novo; fora eles, é idêntica
        html = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", resposta.content.replace(url.encode(), b""))
        return resposta.status_code, html

    respostas = {_pedir(s) for s in ("nao-existe", token.token[:-1] + "x", usuario_consulta.username)}
    # usuário desativado: a URL dele para de funcionar, com o mesmo 404
    usuario_consulta.is_active = False
    usuario_consulta.save()
    respostas.add(_pedir(token.token))
    assert len(respostas) == 1 and next(iter(respostas))[0] == 404  # nada diz se há alguém por trás


def test_feed_comum_continua_exigindo_login(act):
    resposta = Client().get(reverse("acordo:ics"))
    assert resposta.status_code == 302 and "/entrar/" in resposta["Location"]
    assert Client().get(reverse("acordo:meu_calendario")).status_code == 302


@pytest.mark.parametrize("metodo", ["post", "put", "delete"])
def test_url_secreta_so_le(client_consulta, act, metodo):
    token = _gerar(client_consulta)
    assert getattr(Client(), metodo)(reverse("acordo:assinatura", args=[token.token])).status_code == 405
