"""Edição concorrente: a segunda gravação com versão velha é recusada e o trabalho da primeira fica."""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from contratos import services
from contratos.models import Contratacao, OrdemServico
from core.grupos import EQUIPE
from tests.contratos.test_estimativa_paginas import dados_os


def versao_na_pagina(cliente, url) -> int:
    """A versão que o navegador reenviaria: o campo oculto do formulário."""
    html = cliente.get(url).content.decode()
    return int(re.search(r'<input type="hidden" name="versao" value="(\d+)"', html).group(1))


@pytest.fixture
def client_colega(criar_usuario, orgao):
    """Segunda pessoa da mesma equipe, na sua própria sessão."""
    cliente = Client()
    cliente.force_login(criar_usuario("colega", grupos=[EQUIPE], orgaos=[orgao]))
    return cliente


def _dados_contratacao(contratacao, *, versao, objeto, meses):
    return {
        "objeto": objeto,
        "numero_processo": contratacao.numero_processo,
        "uasg": "",
        "meses": str(meses),
        "situacao": "rascunho",
        "versao": str(versao),
        "equipe-TOTAL_FORMS": "0",
        "equipe-INITIAL_FORMS": "0",
    }


def test_segunda_edicao_da_contratacao_e_recusada_e_a_primeira_fica(exemplo, client_equipe, client_colega):
    url = reverse("contratos:contratacao_editar", args=[exemplo.pk])
    # As duas pessoas abrem o formulário antes de qualquer gravação: as duas leem a mesma versão.
    versao_a = versao_na_pagina(client_equipe, url)
    versao_b = versao_na_pagina(client_colega, url)
    assert versao_a == versao_b == exemplo.versao

    r = client_equipe.post(
        url, _dados_contratacao(exemplo, versao=versao_a, objeto="Objeto da Ana", meses=24)
    )
    assert r.status_code == 302
    r = client_colega.post(
        url, _dados_contratacao(exemplo, versao=versao_b, objeto="Objeto do colega", meses=6)
    )

    assert r.status_code == 200
    texto = r.content.decode()
    assert "Esta contratação foi alterada por outra pessoa em " in texto
    assert "recarregue a página" in texto
    exemplo.refresh_from_db()
    assert (exemplo.objeto, exemplo.meses, exemplo.versao) == ("Objeto da Ana", 24, versao_a + 1)
    # Recarregada, a página traz a versão nova e a gravação passa.
    nova = versao_na_pagina(client_colega, url)
    r = client_colega.post(url, _dados_contratacao(exemplo, versao=nova, objeto="Objeto do colega", meses=6))
    assert r.status_code == 302
    exemplo.refresh_from_db()
    assert (exemplo.objeto, exemplo.meses) == ("Objeto do colega", 6)


def test_segunda_edicao_da_os_e_recusada_e_a_primeira_fica(exemplo, client_equipe, client_colega):
    ordem = exemplo.ordens.get()
    url = ordem.get_absolute_url()
    versao = versao_na_pagina(client_equipe, url)
    assert versao_na_pagina(client_colega, url) == versao
    gerinf = ordem.linhas.get(perfil__codigo="GERINF")
    asup = ordem.linhas.get(perfil__codigo="ASUPCOMP-02")

    # Ana tira o ASUPCOMP-02 e põe 3 gerentes; o colega, com a página velha, muda os analistas.
    linhas_a = [{"id": gerinf.pk, "perfil": gerinf.perfil_id, "quantidade": "3", "fator_k": "1,94"}]
    r = client_equipe.post(url, dados_os(ordem.item, linhas_a, numero=ordem.numero, versao=versao))
    assert r.status_code == 302
    linhas_b = [
        {"id": asup.pk, "perfil": asup.perfil_id, "quantidade": "9", "fator_k": "2,12"},
        {"id": gerinf.pk, "perfil": gerinf.perfil_id, "quantidade": "1", "fator_k": "1,94"},
    ]
    r = client_colega.post(url, dados_os(ordem.item, linhas_b, numero=ordem.numero, versao=versao))

    assert r.status_code == 200
    assert "Esta OS foi alterada por outra pessoa em " in r.content.decode()
    assert list(ordem.linhas.values_list("perfil__codigo", "quantidade")) == [("GERINF", 3)]
    assert OrdemServico.objects.get(pk=ordem.pk).versao == versao + 1


def test_formulario_sem_versao_nao_grava(exemplo, client_equipe):
    url = reverse("contratos:contratacao_editar", args=[exemplo.pk])
    dados = _dados_contratacao(exemplo, versao=1, objeto="Sem versão", meses=3)
    del dados["versao"]
    r = client_equipe.post(url, dados)
    assert "O formulário veio sem a versão de edição; recarregue a página." in r.content.decode()
    exemplo.refresh_from_db()
    assert exemplo.objeto != "Sem versão"


def _em_paralelo(tarefas):
    """Roda as tarefas ao mesmo tempo (barreira), cada uma na sua conexão; devolve 'ok' ou a mensagem."""
    barreira = threading.Barrier(len(tarefas))
    resultados = [None] * len(tarefas)

    def rodar(i, tarefa):
        try:
            barreira.wait(timeout=10)
            tarefa()
            resultados[i] = "ok"
        except ValidationError as erro:
            resultados[i] = " ".join(erro.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=rodar, args=(i, t)) for i, t in enumerate(tarefas)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return resultados


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rodada", range(3))
def test_corrida_de_duas_gravacoes_no_postgresql_so_uma_vence(exemplo, rodada):
    if connection.vendor != "postgresql":
        pytest.skip("a corrida real precisa de duas conexões simultâneas (PostgreSQL)")

    def salvar(objeto):
        def tarefa():
            # Cada thread lê a contratação como um formulário aberto antes da gravação da outra.
            c = Contratacao.objects.get(pk=exemplo.pk)
            c.versao = exemplo.versao
            c.objeto = objeto
            services.contratacao_salvar(contratacao=c)

        return tarefa

    resultados = _em_paralelo([salvar("Objeto A"), salvar("Objeto B")])

    assert sorted(r == "ok" for r in resultados) == [False, True], resultados
    perdedor = next(r for r in resultados if r != "ok")
    assert perdedor.startswith("Esta contratação foi alterada por outra pessoa em ")
    vencedor = "Objeto A" if resultados[0] == "ok" else "Objeto B"
    exemplo.refresh_from_db()
    assert (exemplo.objeto, exemplo.versao) == (vencedor, 2)


@pytest.mark.django_db(transaction=True)
def test_corrida_de_duas_gravacoes_da_os_no_postgresql_so_uma_vence(exemplo):
    if connection.vendor != "postgresql":
        pytest.skip("a corrida real precisa de duas conexões simultâneas (PostgreSQL)")
    ordem_id = exemplo.ordens.get().pk

    def salvar(quantidade):
        # Lida antes da largada (como a página aberta): as duas threads partem da mesma versão.
        ordem = OrdemServico.objects.select_related("item__contratacao").get(pk=ordem_id)
        linhas = list(ordem.linhas.select_related("perfil"))
        for linha in linhas:
            linha.quantidade = quantidade
        return lambda: services.ordem_servico_salvar(ordem=ordem, linhas=linhas)

    resultados = _em_paralelo([salvar(5), salvar(7)])

    assert sorted(r == "ok" for r in resultados) == [False, True], resultados
    assert next(r for r in resultados if r != "ok").startswith("Esta OS foi alterada por outra pessoa em ")
    vencedora = 5 if resultados[0] == "ok" else 7
    ordem = OrdemServico.objects.get(pk=ordem_id)
    assert ordem.versao == 2
    assert set(ordem.linhas.values_list("quantidade", flat=True)) == {vencedora}
