"""Conclusão da ocorrência de monitoramento ou de balanço anexando o relatório gerado (issue 14, item 3)."""

import hashlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from acordo import monitoramento, services
from acordo.models import Ocorrencia, RelatorioAnexado
from acordo.relatorio_xlsx import ABA_RESUMO, ABA_SERIE
from core.models import Exportacao


@pytest.fixture
def monitoramento_3(act):
    """3ª ocorrência mensal do monitoramento: vence em 12/02/2025; monitora janeiro/2025."""
    return Ocorrencia.objects.get(acao__acordo=act, acao__ordem=6, ordinal=3)


def _concluir(cliente, ocorrencia, **extra):
    dados = {
        "data_conclusao": f"{timezone.localdate():%Y-%m-%d}",
        "numero_sei": "46328106",
        "anexar_relatorio": "on",
        "competencia": "2025-01",
        **extra,
    }
    return cliente.post(reverse("acordo:concluir", args=[ocorrencia.pk]), dados)


def test_formulario_propoe_o_mes_monitorado(client_acompanhamento, monitoramento_3):
    html = client_acompanhamento.get(monitoramento_3.get_absolute_url()).content.decode()
    assert 'name="anexar_relatorio"' in html and 'value="2025-01"' in html
    pedido = client_acompanhamento.get(monitoramento_3.get_absolute_url() + "?relatorio=2024-12")
    assert 'value="2024-12"' in pedido.content.decode()


def test_designacao_nao_oferece_relatorio(client_acompanhamento, act):
    designacao = Ocorrencia.objects.get(acao__acordo=act, acao__ordem=2)
    html = client_acompanhamento.get(designacao.get_absolute_url()).content.decode()
    assert 'name="anexar_relatorio"' not in html


def test_concluir_anexando_guarda_o_arquivo_com_o_sha256(
    client_acompanhamento, client_equipe, monitoramento_3
):
    resposta = _concluir(client_acompanhamento, monitoramento_3)
    assert resposta.status_code == 302
    anexo = RelatorioAnexado.objects.get(ocorrencia=monitoramento_3)
    conteudo = bytes(anexo.conteudo)
    assert anexo.sha256 == hashlib.sha256(conteudo).hexdigest()
    assert (anexo.tipo, anexo.competencia, anexo.tamanho) == (
        "mensal",
        monitoramento.primeiro_dia(2025, 1),
        len(conteudo),
    )
    assert load_workbook(BytesIO(conteudo))[ABA_RESUMO]["B2"].value == "01/2025"
    monitoramento_3.refresh_from_db()
    assert monitoramento_3.concluida and monitoramento_3.numero_sei == "46328106"
    assert anexo.sha256 in monitoramento_3.historico.first().history_change_reason

    pagina = client_acompanhamento.get(monitoramento_3.get_absolute_url()).content.decode()
    assert anexo.sha256 in pagina
    baixado = client_acompanhamento.get(anexo.get_absolute_url())
    assert hashlib.sha256(baixado.content).hexdigest() == anexo.sha256
    # os totais de todos os órgãos não são para a equipe de um órgão
    assert client_equipe.get(anexo.get_absolute_url()).status_code == 403


def test_sem_anexar_conclui_como_antes(client_acompanhamento, monitoramento_3):
    assert _concluir(client_acompanhamento, monitoramento_3, anexar_relatorio="").status_code == 302
    assert not RelatorioAnexado.objects.exists()
    monitoramento_3.refresh_from_db()
    assert monitoramento_3.concluida


@pytest.mark.parametrize(
    ("competencia", "mensagem"),
    [
        ("2999-01", "O mês do relatório não pode estar no futuro."),
        ("2024-10", "O ACT foi assinado em 11/2024: escolha um mês a partir dele."),
        ("janeiro", "Informe o mês no formato AAAA-MM (ex.: 2025-01)."),
        ("", "Informe o mês do relatório a anexar."),
    ],
)
def test_mes_invalido_mensagem_junto_ao_campo_e_nada_gravado(
    client_acompanhamento, monitoramento_3, competencia, mensagem
):
    resposta = _concluir(client_acompanhamento, monitoramento_3, competencia=competencia)
    assert resposta.status_code == 400
    assert resposta.context["conclusao"].errors["competencia"] == [mensagem]
    monitoramento_3.refresh_from_db()
    assert not monitoramento_3.concluida and not RelatorioAnexado.objects.exists()


def test_balanco_anexa_o_relatorio_semestral(client_acompanhamento, act):
    balanco = Ocorrencia.objects.get(acao__acordo=act, acao__ordem=7, ordinal=1)  # 12/05/2025
    html = client_acompanhamento.get(balanco.get_absolute_url()).content.decode()
    assert 'value="2025-04"' in html
    assert _concluir(client_acompanhamento, balanco, competencia="2025-04").status_code == 302
    anexo = RelatorioAnexado.objects.get(ocorrencia=balanco)
    pasta = load_workbook(BytesIO(bytes(anexo.conteudo)))
    assert anexo.tipo == "semestral" and ABA_SERIE in pasta.sheetnames
    assert pasta[ABA_RESUMO]["B2"].value == "11/2024 a 04/2025"


def test_ocorrencia_reaberta_com_relatorio_sai_se_a_vigencia_encurta(
    client_acompanhamento, usuario_admin_ref, monitoramento_3, act
):
    """Nunca 500: a ocorrência pendente fora da nova vigência sai com o anexo; o hash fica no histórico."""
    _concluir(client_acompanhamento, monitoramento_3)
    sha = RelatorioAnexado.objects.get().sha256
    services.ocorrencia_reabrir(
        ocorrencia=monitoramento_3, motivo="Relatório refeito", usuario=usuario_admin_ref
    )
    services.acordo_alterar_vigencia(
        acordo=act, data_assinatura=act.data_assinatura, vigencia_meses=2, usuario=usuario_admin_ref
    )
    assert not Ocorrencia.objects.filter(pk=monitoramento_3.pk).exists()
    assert not RelatorioAnexado.objects.exists()
    motivos = Ocorrencia.historico.filter(id=monitoramento_3.pk).values_list(
        "history_change_reason", flat=True
    )
    assert any(sha in (m or "") for m in motivos)


def test_relatorio_anexado_e_carimbado_e_reconhecido_em_verificar_arquivo(
    client_acompanhamento, client_equipe, usuario_acompanhamento, monitoramento_3
):
    """O anexo é um arquivo gerado como o download: carimbado e registrado na mesma transação da conclusão."""
    assert _concluir(client_acompanhamento, monitoramento_3).status_code == 302
    anexo = RelatorioAnexado.objects.get(ocorrencia=monitoramento_3)
    baixado = client_acompanhamento.get(anexo.get_absolute_url()).content
    pasta = load_workbook(BytesIO(baixado))
    registro = Exportacao.objects.get()
    assert pasta.properties.identifier == registro.codigo and registro.sha256 == anexo.sha256
    assert (registro.tipo, registro.gerado_por) == (Exportacao.Tipo.ACT_MENSAL, usuario_acompanhamento)
    assert "relatório mensal de 01/2025" in registro.descricao
    verificar = reverse("contratos:verificar_arquivo")
    conferido = client_acompanhamento.post(verificar, {"arquivo": SimpleUploadedFile("a.xlsx", baixado)})
    assert conferido.context["conferencia"].exportacao == registro
    alheio = client_equipe.post(verificar, {"arquivo": SimpleUploadedFile("a.xlsx", baixado)})
    assert alheio.context["conferencia"].exportacao is None


def test_conclusao_recusada_nao_registra_o_arquivo(client_acompanhamento, monitoramento_3):
    resposta = _concluir(client_acompanhamento, monitoramento_3, data_conclusao="2099-01-01")
    assert resposta.status_code == 400
    assert not Exportacao.objects.exists() and not RelatorioAnexado.objects.exists()
