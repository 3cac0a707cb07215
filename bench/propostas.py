"""Benchmark da análise das propostas: 20 propostas × 500 linhas (não é teste: imprime números).

Uso: .venv/bin/python bench/propostas.py [propostas] [linhas]

Metas (issue 12): a página lado a lado em 1 s ou menos e a exportação XLSX em 3 s ou menos (mediana de várias
chamadas pelo cliente de teste do Django, num SQLite temporário), com o pico de memória Python de cada uma
(tracemalloc); as consultas ficam fixadas em tests/contratos/test_propostas_paginas.py.
"""

import os
import statistics
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

# a contratação com N linhas numa OS, num SQLite descartável: a do benchmark das páginas da estimativa
from bench.contratos_paginas import BANCO  # noqa: E402
from bench.contratos_paginas import preparar as preparar_estimativa  # noqa: E402

REPETICOES = 5
METAS_S = {"Página lado a lado": 1.0, "Exportação XLSX": 3.0}


def preparar(propostas: int, linhas: int):
    from contratos.models import LinhaPerfil
    from contratos.propostas import regras, servicos
    from contratos.propostas.models import Proposta

    usuario, contratacao, _ = preparar_estimativa(linhas)
    pares = [(linha.pk, linha.perfil) for linha in LinhaPerfil.objects.select_related("perfil")]
    for p in range(propostas):
        raiz = f"{p + 1:08d}0001"
        proposta = Proposta(
            contratacao=contratacao,
            licitante=f"Licitante {p + 1}",
            cnpj=raiz + regras.digitos_verificadores(raiz),
            data=date(2026, 3, 10),
        )
        # K ofertado entre 1,50 e 3,40: algumas linhas passam de 3,00 (diligência)
        k = Decimal("1.50") + Decimal(p % 20) / 10
        ofertas = {pk: (None, perfil.remuneracao, k) for pk, perfil in pares}
        servicos.proposta_salvar(proposta=proposta, ofertas=ofertas)
    return usuario, contratacao


def medir(cliente, url):
    cliente.get(url)  # aquece caches de templates e sessão
    tempos = []
    for _ in range(REPETICOES):
        inicio = time.perf_counter()
        resposta = cliente.get(url)
        tempos.append(time.perf_counter() - inicio)
        assert resposta.status_code == 200, resposta.status_code
    tracemalloc.start()
    cliente.get(url)
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(tempos), pico, len(resposta.content)


def main():
    propostas = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    linhas = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    usuario, contratacao = preparar(propostas, linhas)
    cliente = Client()
    cliente.force_login(usuario)
    medidas = {
        "Página lado a lado": medir(
            cliente, reverse("contratos:contratacao_propostas", args=[contratacao.pk])
        ),
        "Exportação XLSX": medir(
            cliente, reverse("contratos:contratacao_propostas_xlsx", args=[contratacao.pk])
        ),
    }
    print(f"Análise de {propostas} propostas × {linhas} linhas; mediana de {REPETICOES} chamadas")
    print(f"Carga da máquina (1, 5, 15 min): {', '.join(f'{c:.2f}' for c in os.getloadavg())}")
    for nome, (mediana, pico, tamanho) in medidas.items():
        meta = METAS_S[nome]
        print(
            f"  {nome:<20} mediana {mediana:6.3f} s  pico {pico / 2**20:6.1f} MiB  "
            f"{tamanho / 1024:7.0f} KiB  meta <= {meta:.1f} s: {'OK' if mediana <= meta else 'ACIMA DA META'}"
        )
    BANCO.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
