"""Camadas (acordo | contas > contratos > catalogo > core) e módulos de cálculo puros, pelo import-linter."""

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def test_contratos_do_import_linter_sao_mantidos():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    resultado = subprocess.run([str(lint_imports)], cwd=RAIZ, capture_output=True, text=True, timeout=300)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "0 broken" in resultado.stdout
    assert "Camadas: acordo | contas > contratos > catalogo > core KEPT" in resultado.stdout
    assert "Modulos de calculo puros nao importam Django KEPT" in resultado.stdout
