"""Lembretes por e-mail (issue 14, item 6) contra um servidor SMTP de verdade (aiosmtpd em 127.0.0.1)."""

import socket
from datetime import date
from email import message_from_bytes, policy
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command

from acordo import lembretes
from acordo.models import LembreteEnviado, Participe, Representante


class Caixa:
    """Handler do aiosmtpd: guarda cada mensagem recebida (destinatários e a mensagem)."""

    def __init__(self):
        self.recebidas = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (nome da API do aiosmtpd)
        mensagem = message_from_bytes(envelope.content, policy=policy.default)
        self.recebidas.append((list(envelope.rcpt_tos), mensagem))
        return "250 OK"


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    caixa = Caixa()
    controle = Controller(caixa, hostname="127.0.0.1", port=_porta_livre())
    controle.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controle.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.PLANEJATIC_URL = "https://planejatic.exemplo.gov.br"
    yield caixa
    controle.stop()


@pytest.fixture
def representantes(act):
    sgd, serpro = (Participe.objects.get(acordo=act, sigla=s) for s in ("SGD/MGI", "SERPRO"))
    dados = [
        (sgd, "titular", "titular@sgd.gov.br", True),
        (sgd, "suplente", "suplente@sgd.gov.br", True),
        (serpro, "titular", "titular@serpro.gov.br", True),
        (serpro, "suplente", "antigo@serpro.gov.br", False),  # designação substituída: não recebe
    ]
    for participe, papel, email, ativo in dados:
        Representante.objects.create(
            participe=participe,
            papel=papel,
            nome=email.split("@")[0],
            email=email,
            data_designacao=date(2024, 11, 20),
            ativo=ativo,
        )


def _rodar(hoje: str) -> str:
    saida = StringIO()
    call_command("enviar_lembretes", hoje=hoje, stdout=saida)
    return saida.getvalue()


def _corpo(mensagem) -> str:
    return mensagem.get_content()


def test_entrega_uma_vez_e_a_segunda_execucao_nao_manda_nada(smtp, representantes):
    # 06/01/2025: vencem em 13/01 a 2ª divulgação (SGD) e o 2º monitoramento (ambos); atrasadas desde 2024:
    # designação (ambos), catálogos (SERPRO), 1ª divulgação (SGD) e 1º monitoramento (ambos).
    simulado = StringIO()
    call_command("enviar_lembretes", hoje="2025-01-06", simular=True, stdout=simulado)
    assert "3 e-mail(s) seriam enviados" in simulado.getvalue() and smtp.recebidas == []
    assert "3 e-mail(s) enviados" in _rodar("2025-01-06")
    por_destino = {tuple(para): msg for para, msg in smtp.recebidas}
    assert set(por_destino) == {("titular@sgd.gov.br",), ("suplente@sgd.gov.br",), ("titular@serpro.gov.br",)}

    serpro = por_destino[("titular@serpro.gov.br",)]
    assert serpro["Subject"].strip() == "[PlanejaTIC] ACT 142/2024: 1 vence(m) em até 7 dias e 4 atrasada(s)"
    corpo = _corpo(serpro)
    assert "13/01/2025: ação 6, 2ª ocorrência: Realizar monitoramento" in corpo
    assert "ação 5" not in corpo  # divulgação é só da SGD/MGI
    assert "https://planejatic.exemplo.gov.br/acordo/ocorrencias/" in corpo
    sgd = _corpo(por_destino[("titular@sgd.gov.br",)])
    assert "ação 5, 2ª ocorrência" in sgd and "ação 3" not in sgd
    assert LembreteEnviado.objects.count() == 2 * (2 + 3) + (1 + 4)

    assert "0 e-mail(s) enviados" in _rodar("2025-01-06")
    assert len(smtp.recebidas) == 3

    # uma semana depois, as que venceram em 13/01 passam a atrasadas: um lembrete novo, só delas
    _rodar("2025-01-14")
    novas = smtp.recebidas[3:]
    assert len(novas) == 3
    assert all("2 atrasada(s)" in m["Subject"] or "1 atrasada(s)" in m["Subject"] for _, m in novas)
    assert "ação 2," not in _corpo(novas[0][1])  # a designação atrasada já foi lembrada


def test_sem_representante_com_email_nada_sai(smtp, act):
    assert "0 e-mail(s) enviados" in _rodar("2025-01-06")
    assert smtp.recebidas == []


def test_servidor_fora_do_ar_nao_registra_e_acusa_falha(settings, representantes):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _porta_livre(), 2
    with pytest.raises(CommandError, match="3 e-mail"):
        _rodar("2025-01-06")
    assert not LembreteEnviado.objects.exists()


def test_data_invalida_tem_mensagem_clara(act):
    with pytest.raises(CommandError, match="AAAA-MM-DD"):
        _rodar("06/01/2025")


@pytest.mark.parametrize(
    ("vencimento", "concluida", "esperado"),
    [
        (date(2025, 1, 13), False, lembretes.PROXIMO),  # 7 dias: entra
        (date(2025, 1, 14), False, None),  # 8 dias: ainda não
        (date(2025, 1, 6), False, lembretes.PROXIMO),  # vence hoje: ainda não está atrasada
        (date(2025, 1, 5), False, lembretes.ATRASADA),
        (date(2025, 1, 5), True, None),
    ],
)
def test_tipo_de_lembrete(vencimento, concluida, esperado):
    assert lembretes.tipo_de_lembrete(vencimento, concluida=concluida, hoje=date(2025, 1, 6)) == esperado
