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

from contratos.models import Item, OrdemServico
from tests.contratos.conftest import adicionar_os
from tests.contratos.test_nuvem import SERVICOS, criar_catalogo, item_nuvem

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


def _par(navegador, calcular, salvar):
    """Os dois pedidos largam juntos (barreira), como o total ao vivo e o clique em Salvar."""
    largada = threading.Barrier(2)
    respostas = {}

    def enviar(nome, url, dados, htmx):
        largada.wait()
        respostas[nome] = navegador.post(url, dados, htmx=htmx)

    tarefas = [
        threading.Thread(target=enviar, args=("calcular", *calcular, True)),
        threading.Thread(target=enviar, args=("salvar", *salvar, False)),
    ]
    for t in tarefas:
        t.start()
    for t in tarefas:
        t.join()
    return respostas


def _erros(rodada, respostas):
    return [
        (rodada, nome, status, corpo[:200]) for nome, (status, corpo) in respostas.items() if status >= 500
    ]


@pytest.mark.django_db(transaction=True)
def test_total_ao_vivo_e_gravacao_da_os_simultaneos_nao_dao_erro_nem_perdem_gravacao(
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
        respostas = _par(
            navegador,
            (url_calcular, _dados(ordem, linhas, quantidade=quantidade + 1, versao=versao)),
            (url_salvar, _dados(ordem, linhas, quantidade=quantidade, versao=versao)),
        )
        erros += _erros(rodada, respostas)
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


@pytest.mark.django_db(transaction=True)
def test_total_ao_vivo_e_gravacao_da_nuvem_simultaneos_nao_dao_erro_nem_perdem_gravacao(
    live_server, usuario_equipe, exemplo
):
    catalogo = criar_catalogo()
    item = item_nuvem(exemplo, catalogo, linhas=SERVICOS[:2])
    cliente = Client()
    cliente.force_login(usuario_equipe)
    navegador = Navegador(live_server.url, cliente.cookies["sessionid"].value)
    url_salvar = reverse("contratos:item_nuvem", args=[item.pk])
    url_calcular = reverse("contratos:item_nuvem_calcular", args=[item.pk])
    servicos = [s.pk for s in catalogo.servicos_nuvem.order_by("pk")[:2]]

    def dados(quantidade, versao):
        return {
            "versao": str(versao),  # trava otimista do item, como o campo oculto da página
            "nuvem-TOTAL_FORMS": "2",
            "nuvem-INITIAL_FORMS": "0",
            "nuvem-0-servico": servicos[0],
            "nuvem-0-quantidade": str(quantidade),
            "nuvem-1-servico": servicos[1],
            "nuvem-1-quantidade": "3",
        }

    erros, perdidas, recusadas = [], [], []
    for rodada in range(PARES):
        quantidade = 1 + rodada
        versao = Item.objects.values_list("versao", flat=True).get(pk=item.pk)
        respostas = _par(
            navegador, (url_calcular, dados(quantidade + 1, versao)), (url_salvar, dados(quantidade, versao))
        )
        erros += _erros(rodada, respostas)
        if respostas["salvar"][0] != 302:
            recusadas.append((rodada, respostas["salvar"][0]))
        gravadas = list(item.linhas_nuvem.order_by("pk").values_list("quantidade", flat=True))
        if gravadas != [quantidade, 3]:
            perdidas.append((rodada, gravadas))

    assert erros == []
    assert recusadas == []
    assert perdidas == []
