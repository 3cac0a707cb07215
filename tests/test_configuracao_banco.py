"""As opções que fazem o SQLite esperar a trava (em vez de 500) valem só para o SQLite."""

import json
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def _banco(url):
    codigo = (
        "import json; from config import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    saida = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env={"DATABASE_URL": url, "DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(saida.stdout)


def test_sqlite_espera_a_trava_de_escrita(tmp_path):
    banco = _banco(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert banco["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert banco["OPTIONS"]["timeout"] >= 20
    assert "journal_mode=WAL" in banco["OPTIONS"]["init_command"]


def test_postgresql_nao_recebe_opcoes_do_sqlite():
    banco = _banco("postgres://u:s@127.0.0.1:5432/planejatic")
    assert banco["ENGINE"] == "django.db.backends.postgresql"
    assert not {"transaction_mode", "timeout", "init_command"} & set(banco.get("OPTIONS", {}))
