import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import SENHA

RAIZ = Path(__file__).resolve().parents[1]


def test_checagem_de_implantacao_passa_com_variaveis_de_producao():
    """`manage.py check --deploy --fail-level WARNING` sai com 0 em produção."""
    ambiente = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "chave-de-producao-" + "k" * 50 + "-9f8e7d6c5b4a",
        "DJANGO_ALLOWED_HOSTS": "planejatic.gov.br",
        "DATABASE_URL": "sqlite:////tmp/planejatic-deploy-check.sqlite3",
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=ambiente,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_producao_sem_chave_secreta_nao_sobe():
    ambiente = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RAIZ,
        env=ambiente,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode != 0
    assert "DJANGO_SECRET_KEY" in resultado.stderr


def _tentar(client, senha):
    return client.post("/entrar/", {"username": "equipe", "password": senha})


def test_cinco_senhas_erradas_bloqueiam_o_usuario_por_15_minutos(client, usuario_equipe):
    for _ in range(5):
        resposta = _tentar(client, "senha-errada-qualquer")
    assert resposta.status_code == 429

    # Mesmo a senha certa é recusada durante o bloqueio.
    resposta = _tentar(client, SENHA)
    assert resposta.status_code == 429
    assert "bloqueado por 15 minutos" in resposta.content.decode()
    assert "_auth_user_id" not in client.session

    # Passado o prazo de espera, a senha certa volta a funcionar (nunca é bloqueio permanente).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    resposta = _tentar(client, SENHA)
    assert resposta.status_code == 302
    assert client.session["_auth_user_id"] == str(usuario_equipe.pk)


def test_senha_errada_mostra_mensagem_e_nao_entra(client, usuario_equipe):
    resposta = _tentar(client, "senha-errada-qualquer")
    assert resposta.status_code == 200
    assert "Usuário ou senha incorretos" in resposta.content.decode()
    assert "_auth_user_id" not in client.session


def test_senha_com_menos_de_12_caracteres_e_recusada():
    with pytest.raises(ValidationError):
        validate_password("Ab1!xyz9Qw")  # 10 caracteres
    validate_password("frase-longa-e-segura-2026")


def test_sessao_expira_por_inatividade():
    # O comportamento (renovar, expirar) está em tests/test_sessao_e_compressao.py, com o relógio controlado.
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSAO_RENOVAR_APOS <= 60


def test_csp_proibe_scripts_inline(client_equipe):
    resposta = client_equipe.get("/")
    politica = resposta["Content-Security-Policy"]
    assert "script-src 'self'" in politica
    assert "unsafe-inline" not in politica
    html = resposta.content.decode()
    # Todo <script> do HTML carrega um arquivo; nenhum traz código embutido.
    for trecho in html.split("<script")[1:]:
        assert trecho.split(">", 1)[0].strip().startswith("src="), trecho[:80]
        assert trecho.split(">", 1)[1].startswith("</script>")


def test_admin_exige_login(client, db):
    resposta = client.get("/admin/")
    assert resposta.status_code == 302
    assert "/admin/login/" in resposta["Location"]
