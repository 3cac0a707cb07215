"""Bench do ACT: carga, sincronização e consultas/tempo do cronograma com poucas e muitas ocorrências.

Uso: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/acordo_cronograma.py [acoes_extras]
Imprime números; não é teste.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
BANCO = os.path.join(tempfile.gettempdir(), "bench-acordo.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{BANCO}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if os.path.exists(BANCO):
    os.remove(BANCO)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from acordo import referencias, services  # noqa: E402
from acordo.models import Acordo, Ocorrencia  # noqa: E402


def medir(cliente, url, vezes=5):
    cliente.get(url)
    reset_queries()  # com DEBUG o log circular (9.000) já pode estar cheio da carga
    with CaptureQueriesContext(connection) as ctx:
        cliente.get(url)
    inicio = time.perf_counter()
    for _ in range(vezes):
        assert cliente.get(url).status_code == 200
    return len(ctx.captured_queries), (time.perf_counter() - inicio) / vezes * 1000


def main():
    extras = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    call_command("migrate", verbosity=0)
    inicio = time.perf_counter()
    referencias.carregar(saida=io.StringIO())
    print(f"carga do ACT 142/2024: {(time.perf_counter() - inicio) * 1000:.0f} ms")
    inicio = time.perf_counter()
    saida = io.StringIO()
    referencias.carregar(saida=saida)
    print(f"recarga (idempotente): {(time.perf_counter() - inicio) * 1000:.0f} ms; {saida.getvalue()}")
    print()

    usuario = User.objects.create_user("bench", password="x" * 20)
    usuario.groups.set(Group.objects.filter(name="Consulta"))
    cliente = Client(HTTP_HOST="127.0.0.1")
    cliente.force_login(usuario)
    urls = ["/acordo/cronograma/", "/acordo/cronograma/?situacao=atrasada&pagina=2", "/acordo/", "/"]
    antes = {u: medir(cliente, u) for u in urls}
    n_antes = Ocorrencia.objects.count()

    acordo = Acordo.objects.get()
    monitoramento = acordo.acoes.get(ordem=6)
    for i in range(extras):
        acao = acordo.acoes.create(
            ordem=100 + i,
            descricao=f"Ação de carga {i}",
            prazo_texto="Mensalmente",
            tipo_prazo="recorrente",
            quantidade=1,
        )
        acao.responsaveis.set(monitoramento.responsaveis.all())
    inicio = time.perf_counter()
    services.ocorrencias_sincronizar(acordo=acordo)
    print(f"sincronizar {extras} ações mensais novas: {(time.perf_counter() - inicio) * 1000:.0f} ms")
    n_depois = Ocorrencia.objects.count()
    print(f"{'página':50} {'consultas':>20} {'ms por requisição':>22}")
    for u in urls:
        q0, t0 = antes[u]
        q1, t1 = medir(cliente, u)
        print(f"{u:50} {q0:>8} → {q1:<8} ({n_antes}→{n_depois} ocorr.) {t0:>8.1f} → {t1:<8.1f}")
    inicio = time.perf_counter()
    cliente.get("/acordo/calendario.ics")
    print(f".ics com {n_depois} eventos: {(time.perf_counter() - inicio) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
