"""Navegador: um representante conclui uma ocorrência atrasada com número SEI e ela sai de "Atrasadas"."""

import io

import pytest
from django.utils import timezone

from acordo import referencias
from acordo.models import Ocorrencia
from core.grupos import ACOMPANHAMENTO
from tests.conftest import SENHA


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_representante_conclui_ocorrencia_atrasada_com_sei(pagina, live_server, entrar, axe, criar_usuario):
    referencias.carregar(saida=io.StringIO())
    criar_usuario("rep.sgd", grupos=[ACOMPANHAMENTO], first_name="Rita", last_name="Representante")
    # monitoramento (ação 6), 2ª ocorrência: venceu em 13/01/2025, atrasada em relação a hoje
    alvo = Ocorrencia.objects.get(acao__ordem=6, ordinal=2)
    hoje = timezone.localdate()
    assert alvo.situacao(hoje) == "atrasada"

    entrar(pagina, "rep.sgd", SENHA)
    contador = pagina.get_by_test_id("painel-atrasadas")
    atrasadas_antes = int(contador.inner_text())
    contador.click()
    pagina.wait_for_load_state("networkidle")
    assert "situacao=atrasada" in pagina.url
    assert pagina.locator(f'tr[data-ocorrencia="{alvo.pk}"]').count() == 1
    assert axe(pagina) == []

    pagina.goto(f"{live_server.url}{alvo.get_absolute_url()}")
    pagina.get_by_label("Número SEI").fill("51234567")
    pagina.get_by_label("Observação").fill("Relatório de monitoramento de janeiro/2025")
    pagina.get_by_role("button", name="Concluir ocorrência").click()
    pagina.wait_for_load_state("networkidle")
    assert "Ocorrência concluída" in pagina.locator(".mensagens").inner_text()
    assert "Concluída com atraso" in pagina.get_by_test_id("situacao").inner_text()
    historico = pagina.get_by_test_id("historico").locator("tbody tr").first.inner_text()
    assert "Rita Representante" in historico
    assert hoje.strftime("%d/%m/%Y") in historico
    assert "SEI 51234567" in historico

    pagina.goto(f"{live_server.url}/acordo/cronograma/?situacao=atrasada")
    assert pagina.locator(f'tr[data-ocorrencia="{alvo.pk}"]').count() == 0
    pagina.goto(f"{live_server.url}/")
    assert int(pagina.get_by_test_id("painel-atrasadas").inner_text()) == atrasadas_antes - 1

    pagina.goto(f"{live_server.url}/acordo/")
    assert pagina.get_by_test_id("termino").inner_text() == "12/11/2029"
    assert axe(pagina) == []
    pagina.goto(f"{live_server.url}/acordo/cronograma/")
    assert axe(pagina) == []
    assert pagina.externas == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_linha_do_tempo_e_ocorrencia_sem_violacoes(pagina, live_server, entrar, axe, criar_usuario):
    referencias.carregar(saida=io.StringIO())
    criar_usuario("leitor", grupos=["Consulta"])
    entrar(pagina, "leitor", SENHA)
    pagina.goto(f"{live_server.url}/acordo/linha-do-tempo/")
    assert pagina.locator("svg[data-testid=linha-do-tempo] circle").count() == 134
    assert axe(pagina) == []
    pagina.goto(f"{live_server.url}{Ocorrencia.objects.get(acao__ordem=1).get_absolute_url()}")
    assert axe(pagina) == []
    assert pagina.externas == []
