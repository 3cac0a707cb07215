"""Benchmark das páginas da estimativa com 500 linhas numa OS (não é teste: imprime números).

Uso: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/contratos_paginas.py [linhas]

Meta (issue 4): a página de edição da OS com 500 linhas renderiza em 1 s ou menos (mediana de várias
renderizações pelo cliente de teste do Django, num SQLite temporário). Mostra também o detalhe, o cálculo ao
vivo (htmx) e o Anexo A baixado, com o número de consultas de cada um.
"""

import os
import statistics
import sys
import time
from pathlib import Path

BANCO = Path("/tmp/bench-contratos-paginas.sqlite3")  # noqa: S108 (banco descartável do benchmark)
os.environ["DATABASE_URL"] = f"sqlite:///{BANCO}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

REPETICOES = 7
META_EDICAO_S = 1.0


def preparar(linhas: int):
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from bench.carga import linhas_de_perfil
    from contratos import referencias
    from contratos.models import Contratacao, Item, MapaSalarial, OrdemServico, Orgao
    from core.grupos import EQUIPE

    BANCO.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    referencias.carregar(saida=open(os.devnull, "w"))  # noqa: SIM115 (mapa 6.055/2025 real, 35 perfis)
    mapa = MapaSalarial.objects.get(nome_ato=referencias.ATO)
    orgao = Orgao.objects.create(sigla="BENCH", nome="Órgão do benchmark")
    usuario = User.objects.create_user("bench")
    usuario.groups.add(Group.objects.get(name=EQUIPE))
    orgao.membros.add(usuario)
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Benchmark", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    item = Item.objects.create(contratacao=contratacao, numero=1, descricao="Item do benchmark")
    ordem = OrdemServico.objects.create(
        item=item, contratacao=contratacao, numero="OS nº 001/2026", identificacao="x", produtos="Relatório"
    )
    perfis = list(mapa.valores.order_by("pk"))
    linhas_de_perfil(ordem, perfis, linhas)
    return usuario, contratacao, ordem


def medir(cliente, metodo, url, dados=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    getattr(cliente, metodo)(url, dados)  # aquece caches de templates e sessão
    tempos, cpu = [], []
    for _ in range(REPETICOES):
        with CaptureQueriesContext(connection) as consultas:
            inicio, inicio_cpu = time.perf_counter(), time.process_time()
            resposta = getattr(cliente, metodo)(url, dados)
            tempos.append(time.perf_counter() - inicio)
            cpu.append(time.process_time() - inicio_cpu)
        assert resposta.status_code == 200, resposta.status_code
    return statistics.median(tempos), statistics.median(cpu), len(consultas), len(resposta.content)


def main():
    linhas = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    usuario, contratacao, ordem = preparar(linhas)
    cliente = Client()
    cliente.force_login(usuario)
    dados_calculo = {
        "item": ordem.item_id,
        "linhas-TOTAL_FORMS": str(linhas),
        "linhas-INITIAL_FORMS": "0",
        **{
            f"linhas-{i}-{campo}": valor
            for i, linha in enumerate(ordem.linhas.order_by("pk"))
            for campo, valor in (
                ("id", linha.pk),
                ("perfil", linha.perfil_id),
                ("quantidade", linha.quantidade),
                ("fator_k", str(linha.fator_k).replace(".", ",")),
            )
        },
    }
    medidas = {
        "Edição da OS (GET)": medir(cliente, "get", ordem.get_absolute_url()),
        "Totais ao vivo (htmx)": medir(
            cliente,
            "post",
            reverse("contratos:os_calcular", args=[contratacao.pk]) + f"?os={ordem.pk}",
            dados_calculo,
        ),
        "Detalhe da contratação": medir(cliente, "get", contratacao.get_absolute_url()),
        "Anexo A (download)": medir(
            cliente, "get", reverse("contratos:contratacao_anexo_a", args=[contratacao.pk])
        ),
    }
    print(f"Páginas da estimativa com {linhas} linhas numa OS; mediana de {REPETICOES} renderizações")
    print(f"Carga da máquina (1, 5, 15 min): {', '.join(f'{c:.2f}' for c in os.getloadavg())}")
    for nome, (mediana, cpu, consultas, tamanho) in medidas.items():
        print(
            f"  {nome:<24} mediana {mediana:6.3f} s (CPU {cpu:6.3f} s)  "
            f"{consultas:3d} consultas  {tamanho / 1024:7.0f} KiB"
        )
    mediana = medidas["Edição da OS (GET)"][0]
    print(
        f"Meta da edição: <= {META_EDICAO_S:.1f} s -> {'OK' if mediana <= META_EDICAO_S else 'ACIMA DA META'}"
    )
    BANCO.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
