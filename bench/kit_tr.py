"""Benchmark do kit do TR (DOCX) com 500 linhas de perfil (não é teste: imprime números).

Uso: .venv/bin/python bench/kit_tr.py [linhas]

Meta (issue 17): o kit de uma contratação com 500 linhas em <= 2 s nesta máquina (montar os blocos e
gravar o DOCX; melhor de 5). Módulo puro: não precisa do Django.
"""

import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from contratos.anexo_a import CabecalhoAnexoA  # noqa: E402
from contratos.estimativa import Item, LinhaPerfil, calcular_estimativa  # noqa: E402
from contratos.kit_tr.conteudo import OrdemTR, montar_kit  # noqa: E402
from contratos.kit_tr.docx import gerar_kit_tr  # noqa: E402
from core.carimbo import Carimbo, novo_codigo  # noqa: E402

META_S = 2.0
REPETICOES = 5
PERFIS = (
    ("TECSUP-03", "Técnico de suporte ao usuário de TI", "Sênior", "3216.87", "2.28"),
    ("ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5075.52", "2.12"),
    ("GERINF", "Gerente de infraestrutura de TI", "", "17851.64", "1.94"),
)
POR_OS = 25


def entradas(linhas: int):
    itens, ordens = {}, []
    for i in range(linhas):
        numero_os = f"OS nº {i // POR_OS + 1:03d}/2026"
        item = 1 + (i // POR_OS) % 2
        if i % POR_OS == 0:
            ordens.append(
                OrdemTR(item, numero_os, "Sustentação", "Suporte a usuários", "Relatório", "30 dias")
            )
        c, p, s, r, k = PERFIS[i % len(PERFIS)]
        linha = LinhaPerfil(numero_os, f"{c}", p, s, 1 + i % 3, Decimal(r), Decimal(k), Decimal(k))
        itens.setdefault(item, []).append(linha)
    est = calcular_estimativa(
        [Item(numero=n, descricao=f"Item {n}", linhas=tuple(ls)) for n, ls in sorted(itens.items())], meses=12
    )
    cab = CabecalhoAnexoA(
        "Ministério de exemplo",
        "123456",
        "19974.000500/2026-01",
        "Objeto",
        "Portaria SGD/MGI nº 6.055/2025",
        date(2025, 9, 1),
        date(2026, 12, 1),
    )
    return cab, est, ordens


def main() -> None:
    linhas = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    cab, est, ordens = entradas(linhas)
    carimbo = Carimbo(
        "0.1.0", f"Processo {cab.processo}", cab.mapa_ato, datetime(2026, 12, 1, 4, 0), novo_codigo()
    )
    tempos, tamanho = [], 0
    for _ in range(REPETICOES):
        inicio = time.perf_counter()
        conteudo = gerar_kit_tr(montar_kit(cabecalho=cab, estimativa=est, ordens=ordens), carimbo=carimbo)
        tempos.append(time.perf_counter() - inicio)
        tamanho = len(conteudo)
    melhor = min(tempos)
    print(
        f"kit do TR, {linhas} linhas: melhor {melhor:.2f} s (pior {max(tempos):.2f} s), "
        f"{tamanho / 1024:.0f} KiB"
    )
    print(f"meta <= {META_S:.1f} s: {'ok' if melhor <= META_S else 'ESTOURADA'}")


if __name__ == "__main__":
    main()
