# ruff: noqa: S603, S607 (subprocessos com argumentos fixos: manage.py, gunicorn, wrk, curl)
"""Benchmark único do PlanejaTIC (`make bench`): mede tudo e imprime UMA tabela (não é teste).

Uso: .venv/bin/python bench/tabela.py   (precisa do `wrk` do Debian para a carga: apt-get install wrk)

- Páginas (cliente de teste do Django, SQLite temporário): mediana e p95 do tempo de servidor do Painel, do
  detalhe e da edição (OS) com 10 e 500 linhas, do Mapa salarial e do cronograma do ACT.
- Anexo A com 5.000 linhas e a razão para o openpyxl puro gravando as mesmas células (bench/anexo_a.py).
- Importação de 5.000 linhas do mapa salarial, prévia + confirmação (bench/importar_mapa.py).
- Carga no loopback: gunicorn (2 workers, DJANGO_DEBUG=0) e wrk por 15 s com 8 conexões no detalhe de uma
  contratação com 100 linhas (sessão autenticada) e, na mesma rodada, numa página trivial (/acessibilidade/):
  a razão entre as duas dá para comparar máquinas diferentes.
"""

import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
BANCO = Path("/tmp/bench-tabela.sqlite3")  # noqa: S108 (banco descartável do benchmark)
os.environ["DATABASE_URL"] = f"sqlite:///{BANCO}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, str(RAIZ))

import django  # noqa: E402

REPETICOES = 15
SEGUNDOS_CARGA = int(os.environ.get("BENCH_SEGUNDOS", "15"))
CONEXOES = 8
META_P99_MS = 500.0
LOG_GUNICORN = Path("/tmp/bench-tabela-gunicorn.log")  # noqa: S108
# wrk só imprime p50/p75/p90/p99; este script tira p95 e os erros do resumo (o wrk roda Lua).
LUA = """
done = function(s, lat, req)
  io.write(string.format("RESULTADO %d %d %d %d %d %d %d %.3f %.3f %.3f\\n", s.requests, s.duration,
    s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout,
    lat:percentile(50) / 1000, lat:percentile(95) / 1000, lat:percentile(99) / 1000))
end
"""


def preparar():
    """Referências reais (mapa 6.055/2025, catálogos, ACT) e contratações de 10, 100 e 500 linhas."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from contratos.models import Contratacao, Item, LinhaPerfil, MapaSalarial, OrdemServico, Orgao
    from core.grupos import CONSULTA, EQUIPE

    BANCO.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    usuario = User.objects.create_superuser("bench", password=secrets.token_urlsafe(16))
    call_command("carregar_referencias", stdout=StringIO())
    usuario.groups.add(*Group.objects.filter(name__in=[EQUIPE, CONSULTA]))
    mapa = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE).get()
    perfis = list(mapa.valores.order_by("pk"))
    orgao = Orgao.objects.create(sigla="BENCH", nome="Órgão do benchmark")
    orgao.membros.add(usuario)
    contratacoes = {}
    for linhas in (10, 100, 500):
        c = Contratacao.objects.create(
            orgao=orgao,
            objeto=f"Benchmark {linhas}",
            numero_processo=f"19974.{linhas:06d}/2026-01",
            mapa=mapa,
        )
        ordens = []
        for n in range((linhas + 24) // 25):  # 25 linhas por OS, em 2 itens
            item, _ = Item.objects.get_or_create(
                contratacao=c, numero=1 + n % 2, defaults={"descricao": "Item"}
            )
            ordens.append(
                OrdemServico.objects.create(
                    item=item,
                    contratacao=c,
                    numero=f"OS nº {n + 1:03d}/2026",
                    identificacao="x",
                    objetivo="x",
                    prazo_atendimento="30 dias",
                    produtos="Relatório",
                )
            )
        LinhaPerfil.objects.bulk_create(
            LinhaPerfil(
                ordem=ordens[i // 25],
                perfil=perfis[i % len(perfis)],
                quantidade=1 + i % 4,
                fator_k=perfis[i % len(perfis)].fator_k,
                fator_k_referencia=perfis[i % len(perfis)].fator_k,
            )
            for i in range(linhas)
        )
        contratacoes[linhas] = c
    return usuario, contratacoes


def _percentil(valores, p):
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1)))]


def medir_paginas(usuario, contratacoes):
    from django.test import Client
    from django.urls import reverse

    cliente = Client()
    cliente.force_login(usuario)
    os_500 = contratacoes[500].ordens.order_by("pk")
    paginas = {
        "Painel": reverse("painel"),
        "Detalhe da contratação, 10 linhas": contratacoes[10].get_absolute_url(),
        "Detalhe da contratação, 500 linhas": contratacoes[500].get_absolute_url(),
        "Edição da contratação, 10 linhas": reverse(
            "contratos:contratacao_editar", args=[contratacoes[10].pk]
        ),
        "Edição da contratação, 500 linhas": reverse(
            "contratos:contratacao_editar", args=[contratacoes[500].pk]
        ),
        "Edição de OS, 10 linhas": contratacoes[10].ordens.get().get_absolute_url(),
        "Edição de OS, 25 linhas (1 das 20 OS de 500)": os_500.first().get_absolute_url(),
        "Mapa salarial (35 perfis)": reverse("contratos:mapa"),
        "Cronograma do ACT 142/2024": reverse("acordo:cronograma"),
    }
    linhas = []
    for nome, url in paginas.items():
        assert cliente.get(url).status_code == 200, url  # aquece templates e caches
        tempos = []
        for _ in range(REPETICOES):
            inicio = time.perf_counter()
            resposta = cliente.get(url)
            tempos.append((time.perf_counter() - inicio) * 1000)
            assert resposta.status_code == 200, (url, resposta.status_code)
        linhas.append((nome, f"{statistics.median(tempos):.0f} ms", f"{_percentil(tempos, 95):.0f} ms"))
    return linhas


def medir_os_500(usuario, contratacoes):
    """Edição de uma OS com as 500 linhas (o pior caso da issue 4), à parte: 25 linhas por OS é o comum."""
    from contratos.models import LinhaPerfil

    c = contratacoes[500]
    primeira = c.ordens.order_by("pk").first()
    LinhaPerfil.objects.filter(ordem__contratacao=c).update(ordem=primeira)
    from django.test import Client

    cliente = Client()
    cliente.force_login(usuario)
    url = primeira.get_absolute_url()
    cliente.get(url)
    tempos = []
    for _ in range(7):
        inicio = time.perf_counter()
        assert cliente.get(url).status_code == 200
        tempos.append((time.perf_counter() - inicio) * 1000)
    return (
        "Edição de OS, 500 linhas numa só OS",
        f"{statistics.median(tempos):.0f} ms",
        f"{_percentil(tempos, 95):.0f} ms",
    )


def medir_anexo_a():
    import gc

    from bench import anexo_a as b
    from contratos.anexo_a import gerar_anexo_a
    from contratos.estimativa import calcular_estimativa

    cab, itens = b.montar(5000)
    estimativa = calcular_estimativa(itens, meses=30)
    xlsx = gerar_anexo_a(cabecalho=cab, estimativa=estimativa, mapa=b.PERFIS)
    abas, formatos = b.celulas(xlsx)
    tempos = {"anexo": [], "puro": []}
    for _ in range(3):
        for nome, funcao in (
            (
                "anexo",
                lambda: gerar_anexo_a(
                    cabecalho=cab, estimativa=calcular_estimativa(itens, meses=30), mapa=b.PERFIS
                ),
            ),
            ("puro", lambda: b.openpyxl_puro_formatos(abas, formatos)),
        ):
            gc.collect()
            inicio = time.process_time()
            funcao()
            tempos[nome].append(time.process_time() - inicio)
    anexo, puro = min(tempos["anexo"]), min(tempos["puro"])
    return anexo, puro


def medir_importacao():
    from bench import importar_mapa as b
    from contratos import services
    from contratos.models import MapaSalarial

    conteudo = b.gerar_csv(5000)
    mapa = MapaSalarial.objects.create(nome_ato="Bench", situacao=MapaSalarial.Situacao.RASCUNHO)
    inicio = time.perf_counter()
    previa = services.mapa_importar(mapa=mapa, nome_arquivo="mapa.csv", conteudo=conteudo, confirmar=False)
    meio = time.perf_counter()
    gravado = services.mapa_importar(mapa=mapa, nome_arquivo="mapa.csv", conteudo=conteudo, confirmar=True)
    fim = time.perf_counter()
    assert previa.ok and gravado.gravado and mapa.valores.count() == 5000, (
        previa.erros[:3],
        gravado.erros[:3],
    )
    return meio - inicio, fim - meio


def _porta_livre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def medir_carga(usuario, contratacoes):
    """gunicorn (DEBUG=0, WhiteNoise) sobre o mesmo banco; wrk nas duas páginas, uma e depois a outra."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    wrk = shutil.which("wrk")
    if not wrk:
        return None
    sessao = SessionStore()
    sessao[SESSION_KEY] = str(usuario.pk)
    sessao[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sessao[HASH_SESSION_KEY] = usuario.get_session_auth_hash()
    sessao.create()
    ambiente = {
        **os.environ,
        # Explícito: importar bench/importar_mapa.py troca DATABASE_URL no os.environ deste processo.
        "DATABASE_URL": f"sqlite:///{BANCO}",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_COOKIES_SEGUROS": "0",
        "DJANGO_LOG_LEVEL": "ERROR",  # erros 500 vão para o log do gunicorn
    }
    # O hash da sessão usa a chave deste processo (modo de desenvolvimento): o gunicorn usa a mesma.
    ambiente["DJANGO_SECRET_KEY"] = settings.SECRET_KEY
    py = sys.executable
    subprocess.run(
        [py, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=RAIZ, env=ambiente, check=True
    )
    porta = _porta_livre()
    gunicorn = subprocess.Popen(
        [
            str(Path(py).parent / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{porta}",
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=ambiente,
        stdout=subprocess.DEVNULL,
        stderr=open(LOG_GUNICORN, "w"),  # noqa: SIM115
    )
    script = Path("/tmp/bench-tabela-wrk.lua")  # noqa: S108
    script.write_text(LUA)
    base = f"http://127.0.0.1:{porta}"
    detalhe = base + contratacoes[100].get_absolute_url()
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", porta), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        # Aquecimento fora da medida: os dois workers compilam templates e abrem a conexão ao banco.
        for url in (detalhe, base + "/acessibilidade/"):
            for _ in range(6):
                subprocess.run(
                    ["curl", "-s", "-o", "/dev/null", "-H", f"Cookie: sessionid={sessao.session_key}", url],
                    check=True,
                )
        resultados = {}
        for nome, url in (
            ("detalhe (100 linhas)", detalhe),
            ("trivial (/acessibilidade/)", base + "/acessibilidade/"),
        ):
            comando = [
                wrk,
                "-t2",
                f"-c{CONEXOES}",
                f"-d{SEGUNDOS_CARGA}s",
                "--timeout",
                "5s",
                "-s",
                str(script),
                "-H",
                f"Cookie: sessionid={sessao.session_key}",
                url,
            ]
            saida = subprocess.run(comando, capture_output=True, text=True, check=True).stdout
            campos = re.search(r"RESULTADO (.+)", saida).group(1).split()
            req, dur, *erros, p50, p95, p99 = campos
            resultados[nome] = {
                "rps": int(req) / (int(dur) / 1e6),
                "erros": sum(map(int, erros)),
                "p50": float(p50),
                "p95": float(p95),
                "p99": float(p99),
                "requisicoes": int(req),
            }
        # Conferência: a sessão autenticou mesmo (senão mediríamos o redirecionamento para o login).
        verifica = subprocess.run(
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-H",
                f"Cookie: sessionid={sessao.session_key}",
                detalhe,
            ],
            capture_output=True,
            text=True,
        )
        assert verifica.stdout == "200", (verifica.stdout, f"ver {LOG_GUNICORN}")
        return resultados
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)


def maquina():
    memoria = next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1]  # noqa: SIM115
    carga = ", ".join(f"{c:.2f}" for c in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs (nproc), {int(memoria) / 2**20:.1f} GiB de memória, "
        f"Python {platform.python_version()}, {platform.platform()}, carga média {carga}"
    )


def main():
    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    print("Máquina antes:", maquina(), flush=True)
    usuario, contratacoes = preparar()
    tabela = medir_paginas(usuario, contratacoes)
    anexo, puro = medir_anexo_a()
    previa, confirmacao = medir_importacao()
    carga = medir_carga(usuario, contratacoes)
    tabela.append(medir_os_500(usuario, contratacoes))

    print()
    print(f"{'Medida':52} {'mediana':>14} {'p95':>10}")
    print("-" * 78)
    for nome, mediana, p95 in tabela:
        print(f"{nome:52} {mediana:>14} {p95:>10}")
    print("-" * 78)
    print(f"{'Anexo A, 5.000 linhas (CPU, melhor de 3)':52} {anexo:>12.2f} s")
    print(f"{'openpyxl puro, mesmas células e formatos':52} {puro:>12.2f} s")
    print(f"{'razão Anexo A / openpyxl puro':52} {anexo / puro:>14.2f}")
    print(f"{'Importação 5.000 linhas do mapa: prévia':52} {previa:>12.2f} s")
    print(f"{'Importação 5.000 linhas do mapa: confirmação':52} {confirmacao:>12.2f} s")
    print("-" * 78)
    if carga is None:
        print("Carga: wrk não encontrado (Debian: sudo apt-get install wrk); parte da carga não medida.")
    else:
        print(f"Carga: gunicorn 2 workers, wrk {SEGUNDOS_CARGA} s, {CONEXOES} conexões, loopback, SQLite")
        print(f"{'página':30} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9} {'erros':>6} {'requisições':>12}")
        for nome, r in carga.items():
            print(
                f"{nome:30} {r['rps']:>8.1f} {r['p50']:>7.1f}ms {r['p95']:>7.1f}ms {r['p99']:>7.1f}ms "
                f"{r['erros']:>6} {r['requisicoes']:>12}"
            )
        d, t = carga["detalhe (100 linhas)"], carga["trivial (/acessibilidade/)"]
        ok = d["requisicoes"] > 0 and d["erros"] == 0 and d["p99"] <= META_P99_MS
        print(f"razão req/s detalhe / trivial: {d['rps'] / t['rps']:.2f}")
        print(f"meta do detalhe (0 erros, p99 <= {META_P99_MS:.0f} ms): {'ok' if ok else 'FORA DA META'}")
    print("Máquina depois:", maquina())


if __name__ == "__main__":
    main()
