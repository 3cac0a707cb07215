"""Bench do catálogo: importação de uma planilha grande e consultas da página de serviços.

Uso: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/catalogo_importacao.py [N]
Imprime números; não é teste.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
BANCO = Path("/tmp/bench-catalogo.sqlite3")  # noqa: S108 (banco descartável do bench)
BANCO.unlink(missing_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{BANCO}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from datetime import date  # noqa: E402

import tablib  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogo.models import CategoriaNuvem, VersaoCatalogo  # noqa: E402
from catalogo.services import servicos_importar  # noqa: E402


def planilha(n: int) -> tablib.Dataset:
    cab = [
        "codigo",
        "nome",
        "categoria",
        "unidade_medida",
        "preco_unitario",
        "descricao",
        "nivel_indicador",
        "nivel_meta",
        "nivel_medicao",
        "nivel_glosa",
    ]
    categorias = CategoriaNuvem.labels
    linhas = [
        [
            f"S-{i:05d}",
            f"Serviço {i}",
            categorias[i % len(categorias)],
            "GB/mês",
            f"{i % 97},{i % 10000:04d}",
            "",
            "Disponibilidade",
            "99,9%",
            "monitoramento",
            "5%",
        ]
        for i in range(1, n + 1)
    ]
    return tablib.Dataset(*linhas, headers=cab)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    call_command("migrate", verbosity=0)
    versao = VersaoCatalogo.objects.create(tipo="nuvem", versao="bench", vigencia_inicio=date(2025, 1, 1))
    dados = planilha(n)
    contagem = []

    def contar(execute, sql, params, many, context):
        contagem.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(contar):
        inicio = time.perf_counter()
        servicos_importar(versao=versao, dataset=dados)
        duracao = time.perf_counter() - inicio
    print(
        f"importação de {n} serviços (com nível de serviço): {duracao:.2f} s, {n / duracao:.0f} linhas/s, "
        f"{len(contagem) / n:.1f} consultas por linha"
    )

    usuario = User.objects.create_user("bench")
    usuario.groups.set(Group.objects.filter(name="Consulta"))
    cliente = Client(SERVER_NAME="127.0.0.1")
    cliente.force_login(usuario)
    pequena = VersaoCatalogo.objects.create(tipo="nuvem", versao="pequena", vigencia_inicio=date(2025, 1, 1))
    servicos_importar(versao=pequena, dataset=planilha(20))
    for v in (pequena, versao):
        cliente.get(v.get_absolute_url())
        with CaptureQueriesContext(connection) as ctx:
            inicio = time.perf_counter()
            resposta = cliente.get(v.get_absolute_url(), {"q": "Serviço"})
            duracao = time.perf_counter() - inicio
        assert resposta.status_code == 200, resposta.status_code
        total = v.servicos_nuvem.count()
        consultas = len(ctx.captured_queries)
        print(f"página da versão com {total} serviços: {consultas} consultas, {duracao * 1000:.0f} ms")


if __name__ == "__main__":
    main()
