"""Passeio do monitoramento do ACT (issue 14): a representante abre o relatório mensal pelo cronograma,
baixa o XLSX, conclui a ocorrência de monitoramento anexando o relatório, e o histórico mostra o SHA-256."""

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acordo import monitoramento, referencias
from acordo.models import RelatorioAnexado
from contratos.models import Contratacao, Orgao
from core.grupos import ACOMPANHAMENTO
from tests.conftest import SENHA
from tests.contratos.conftest import criar_mapa
from tests.contratos.test_nuvem import criar_catalogo, item_nuvem
from tests.e2e.comum import foto

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_representante_conclui_o_monitoramento_com_o_relatorio(
    pagina, live_server, entrar, criar_usuario, axe
):
    referencias.carregar(saida=io.StringIO())
    criar_usuario("representante", grupos=[ACOMPANHAMENTO], first_name="Rita", last_name="Representante")
    orgao = Orgao.objects.create(sigla="ORGEX", nome="Órgão de Exemplo")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Nuvem", numero_processo="19974.000001/2026-01", mapa=criar_mapa("Portaria X")
    )
    item_nuvem(contratacao, criar_catalogo(), numero=1)  # 342,85 por mês (tests/contratos/test_nuvem.py)
    Contratacao.objects.filter(pk=contratacao.pk).update(criada_em=timezone.now() - timedelta(days=70))
    mes = monitoramento.somar_meses(timezone.localdate().replace(day=1), -1)

    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "representante", SENHA)
    pagina.goto(f"{live_server.url}/acordo/cronograma/")
    pagina.get_by_role("link", name="Monitoramento mensal").click()
    pagina.wait_for_load_state()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"Monitoramento mensal: {mes:%m/%Y}")
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 342,85")
    foto(pagina, "14-monitoramento-mensal")
    assert axe(pagina) == []
    with pagina.expect_download() as baixado:
        pagina.get_by_role("link", name="Baixar XLSX").click()
    assert baixado.value.suggested_filename == f"act-142-2024-monitoramento-mensal-{mes:%Y-%m}.xlsx"

    pagina.get_by_role("link", name="Concluir a ocorrência anexando este relatório").click()
    pagina.wait_for_load_state()
    expect(pagina.get_by_label("Anexar o relatório gerado pelo PlanejaTIC")).to_be_checked()
    expect(pagina.get_by_label("Mês do relatório")).to_have_value(f"{mes:%Y-%m}")
    foto(pagina, "14-concluir-com-relatorio")
    assert axe(pagina) == []
    pagina.get_by_label("Número SEI").fill("46328106")
    pagina.get_by_role("button", name="Concluir ocorrência").click()
    pagina.wait_for_load_state()
    expect(pagina.locator(".mensagens")).to_contain_text("Ocorrência concluída")

    anexo = RelatorioAnexado.objects.get()
    assert anexo.sha256 == hashlib.sha256(bytes(anexo.conteudo)).hexdigest()
    assert anexo.competencia == mes and anexo.gerado_por.username == "representante"
    expect(pagina.get_by_test_id("historico")).to_contain_text(anexo.sha256)
    expect(pagina.get_by_test_id("sha256")).to_have_text(anexo.sha256)
    foto(pagina, "14-ocorrencia-com-hash")
    with pagina.expect_download() as arquivo:
        pagina.get_by_role("link", name=anexo.nome_arquivo).click()
    assert hashlib.sha256(Path(arquivo.value.path()).read_bytes()).hexdigest() == anexo.sha256
    # o balanço do semestre (gráfico SVG e a tabela alternativa) e a versão para impressão
    pagina.goto(f"{live_server.url}/acordo/balanco/")
    expect(pagina.get_by_test_id("serie").locator("tbody tr")).to_have_count(6)
    assert axe(pagina) == []
    pagina.get_by_role("link", name="Versão para impressão").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Balanço semestral")
    assert axe(pagina) == []
    assert pagina.externas == []


def test_meu_calendario_e_representantes_sem_violacoes(pagina, live_server, entrar, usuario_admin_ref, axe):
    referencias.carregar(saida=io.StringIO())
    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/acordo/cronograma/")
    pagina.get_by_role("link", name="Meu calendário (assinar)").click()
    pagina.get_by_role("button", name="Criar URL de assinatura").click()
    expect(pagina.get_by_test_id("urls-calendario")).to_contain_text("/acordo/calendario/assinar/")
    assert axe(pagina) == []
    pagina.goto(f"{live_server.url}/acordo/representantes/")
    pagina.get_by_label("Papel").select_option("titular")
    pagina.get_by_label("Nome").fill("Maria Titular")
    pagina.get_by_label("E-mail").fill("maria@sgd.gov.br")
    pagina.get_by_label("Data de designação").fill("2024-11-20")
    pagina.get_by_role("button", name="Registrar designação").click()
    expect(pagina.get_by_test_id("designacoes-sgdmgi")).to_contain_text("Maria Titular")
    assert axe(pagina) == []
    assert pagina.externas == []
