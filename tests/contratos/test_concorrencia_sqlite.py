"""Total ao vivo e gravação ao mesmo tempo (issue 10, defeito 2): nenhum 500 "database is locked" e nenhuma
gravação perdida. Servidor de verdade em threads (live_server) sobre o banco de teste em arquivo; com
DATABASE_URL de PostgreSQL o mesmo teste roda lá (as opções do SQLite não se aplicam)."""

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from contratos.models import OrdemServico
from tests.contratos.conftest import adicionar_os

PARES = 200
CSRF = "c" * 32  # segredo do cookie csrftoken; o mesmo valor vai no campo do formulário


class Navegador:
    """Um navegador mínimo (urllib): cookies da sessão da pessoa e do CSRF, sem seguir redirecionamentos."""

    class _SemRedirecionar(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base, sessionid):
        self.base = base
        self.cookies = f"sessionid={sessionid}; csrftoken={CSRF}"
        self.abridor = urllib.request.build_opener(self._SemRedirecionar)

    def post(self, caminho, dados, *, htmx=False):
        corpo = urllib.parse.urlencode({**dados, "csrfmiddlewaretoken": CSRF}).encode()
        pedido = urllib.request.Request(self.base + caminho, data=corpo, method="POST")  # noqa: S310 (http do live_server)
        pedido.add_header("Cookie", self.cookies)
        pedido.add_header("Content-Type", "application/x-www-form-urlencoded")
        if htmx:
            pedido.add_header("HX-Request", "true")
        try:
            with self.abridor.open(pedido, timeout=60) as resposta:
                return resposta.status, resposta.read().decode()
        except urllib.error.HTTPError as erro:  # 3xx sem seguir, 4xx e 5xx chegam aqui
            return erro.code, erro.read().decode(errors="replace")


def _dados(ordem, linhas, *, quantidade, versao):
    dados = {
        "item": ordem.item_id,
        "numero": ordem.numero,
        "identificacao": ordem.identificacao,
        "objetivo": ordem.objetivo,
        "prazo_atendimento": ordem.prazo_atendimento,
        "produtos": ordem.produtos,
        "versao": str(versao),
        "linhas-TOTAL_FORMS": str(len(linhas)),
        "linhas-INITIAL_FORMS": "0",
    }
    for i, linha in enumerate(linhas):
        dados |= {
            f"linhas-{i}-perfil": linha.perfil_id,
            f"linhas-{i}-quantidade": str(quantidade if i == 0 else linha.quantidade),
            f"linhas-{i}-fator_k": "",
            f"linhas-{i}-justificativa": "",
        }
    return dados


@pytest.mark.django_db(transaction=True)
def test_total_ao_vivo_e_gravacao_simultaneos_nao_dao_erro_nem_perdem_gravacao(
    live_server, usuario_equipe, nova_contratacao
):
    contratacao = nova_contratacao()
    ordem = adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    linhas = list(ordem.linhas.order_by("pk"))
    cliente = Client()
    cliente.force_login(usuario_equipe)
    navegador = Navegador(live_server.url, cliente.cookies["sessionid"].value)
    url_salvar = reverse("contratos:os_editar", args=[ordem.pk])
    url_calcular = reverse("contratos:os_calcular", args=[contratacao.pk]) + f"?os={ordem.pk}"

    erros, perdidas, recusadas = [], [], []
    for rodada in range(PARES):
        versao = OrdemServico.objects.values_list("versao", flat=True).get(pk=ordem.pk)
        quantidade = 1 + rodada % 9
        largada = threading.Barrier(2)
        respostas = {}

        def calcular(q=quantidade, v=versao, largada=largada, respostas=respostas):
            largada.wait()
            respostas["calcular"] = navegador.post(
                url_calcular, _dados(ordem, linhas, quantidade=q + 1, versao=v), htmx=True
            )

        def salvar(q=quantidade, v=versao, largada=largada, respostas=respostas):
            largada.wait()
            respostas["salvar"] = navegador.post(url_salvar, _dados(ordem, linhas, quantidade=q, versao=v))

        tarefas = [threading.Thread(target=calcular), threading.Thread(target=salvar)]
        for t in tarefas:
            t.start()
        for t in tarefas:
            t.join()
        for nome, (status, corpo) in respostas.items():
            if status >= 500:
                erros.append((rodada, nome, status, corpo[:200]))
        if respostas["salvar"][0] != 302:
            recusadas.append((rodada, respostas["salvar"][0]))
        gravada = OrdemServico.objects.get(pk=ordem.pk)
        primeira = gravada.linhas.order_by("pk").first()
        if gravada.versao != versao + 1 or primeira.quantidade != quantidade:
            perdidas.append((rodada, gravada.versao, primeira.quantidade))

    assert erros == []
    assert recusadas == []
    assert perdidas == []
    assert OrdemServico.objects.get(pk=ordem.pk).versao == 1 + PARES
