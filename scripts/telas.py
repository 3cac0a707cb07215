"""Screenshots das páginas principais em docs/telas/ (PNG): 1366 px e 390 px, contraste normal e alto.

Uso: `.venv/bin/python scripts/telas.py [pasta]` (ou `make telas`). Roda o teste de navegador
`test_screenshots_das_paginas_principais` (tests/e2e/test_telas_todas_as_paginas.py), que sobe o servidor de
teste com os dados de exemplo e percorre as páginas com o Chromium de /usr/bin/chromium (CHROMIUM=...).
"""

import os
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
TESTE = "tests/e2e/test_telas_todas_as_paginas.py::test_screenshots_das_paginas_principais"


def main() -> int:
    pasta = Path(sys.argv[1] if len(sys.argv) > 1 else RAIZ / "docs" / "telas").resolve()
    for antiga in pasta.glob("*.png"):  # página que saiu da lista não deixa screenshot velha
        antiga.unlink()
    os.environ["TELAS_SAIDA"] = str(pasta)
    os.chdir(RAIZ)
    saida = pytest.main(["-q", "-p", "no:randomly", "-p", "no:cacheprovider", TESTE])
    if saida == 0:
        print(f"{len(list(pasta.glob('*.png')))} screenshots em {pasta}")
    return int(saida)


if __name__ == "__main__":
    sys.exit(main())
