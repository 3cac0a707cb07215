# ruff: noqa: S603, S607 (subprocessos com argumentos fixos: python, gunicorn, wrk, curl, psql)
"""Benchmark único do PlanejaTIC (`make bench`): uma tabela com as metas da issue 19 (não é teste).

Uso: .venv/bin/python bench/tabela.py   (precisa do `wrk` para a carga e do PostgreSQL 15 local para a parte
PostgreSQL; sem eles, as linhas correspondentes saem como "não medido").

Cada figura é a mediana de RODADAS rodadas intercaladas (as variantes se alternam dentro de cada rodada), com
o mínimo e o máximo das rodadas entre parênteses; cada razão diz no rótulo contra que base foi tirada. A carga
média da máquina é impressa antes e depois. Tudo o que se grava vai para um diretório temporário próprio da
execução (duas execuções ao mesmo tempo não se atropelam).

- Parte SQLite (subprocesso): referências reais (mapa 6.055/2025, catálogos, ACT) e contratações de 10, 100 e
  500 linhas; tempo de servidor das páginas pelo cliente de teste do Django; consultas, gravações da sessão e
  compressão; .ics com e sem If-None-Match; prévia da importação de 5.000 linhas do mapa; carga com gunicorn
  (2 workers, DJANGO_DEBUG=0) e wrk (8 conexões) no detalhe de 100 linhas e na página de entrada, alternados.
- Parte PostgreSQL (subprocesso, banco criado e apagado nesta execução): o mesmo conjunto mais 10.000
  contratações; a lista de contratações de um superusuário (páginas 1 e 500), o plano da consulta e a carga.
- Anexo A (processo principal, sem Django): bench/anexo_a.py com 20.000 linhas.
- OS com muitas linhas: `bench/os_pagina.py` (`medir()`), se existir.
"""

import json
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
import tempfile
import time
from io import StringIO
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

RODADAS = int(os.environ.get("BENCH_RODADAS", "3"))
PEDIDOS_POR_RODADA = 5
SEGUNDOS_CARGA = int(os.environ.get("BENCH_SEGUNDOS", "10"))
CONEXOES = 8
CONTRATACOES_PG = 10_000  # "10 mil" nos rótulos
# Metas da issue 19
META_LISTA_MS = 25.0
META_P99_MS = 500.0
META_RAZAO_CARGA = 0.25
META_PAINEL_MS = 60.0
META_PAINEL_CONSULTAS = 15
PG_ADMIN = "postgres://planejatic:planejatic@127.0.0.1:5432"
# wrk só imprime p50/p75/p90/p99; este script tira p95 e os erros do resumo (o wrk roda Lua).
LUA = """
done = function(s, lat, req)
  io.write(string.format("RESULTADO %d %d %d %d %d %d %d %.3f %.3f %.3f\\n", s.requests, s.duration,
    s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout,
    lat:percentile(50) / 1000, lat:percentile(95) / 1000, lat:percentile(99) / 1000))
end
"""


def faixa(valores, formato="{:.0f}", unidade=""):
    """ "mediana (mín–máx)" de uma lista de figuras por rodada."""
    m, a, b = statistics.median(valores), min(valores), max(valores)
    return f"{formato.format(m)}{unidade} ({formato.format(a)}–{formato.format(b)})"


def situacao(ok):
    return "ok" if ok else "não atingida"


def linha(nome, figura, meta="", ok=None):
    return [nome, figura, meta, "—" if ok is None else situacao(ok)]


# --------------------------------------------------------------------------------------------------------
# Parte com Django (roda num subprocesso por banco)


def preparar():
    """Referências reais (mapa 6.055/2025, catálogos, ACT) e contratações de 10, 100 e 500 linhas."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from contratos.models import Contratacao, Item, LinhaPerfil, MapaSalarial, OrdemServico, Orgao
    from core.grupos import CONSULTA, EQUIPE

    call_command("migrate", verbosity=0)
    usuario = User.objects.create_superuser("bench", password=secrets.token_urlsafe(16))
    call_command("carregar_referencias", stdout=StringIO())
    usuario.groups.add(*Group.objects.filter(name__in=[EQUIPE, CONSULTA]))
    mapa = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE).get()
    perfis = list(mapa.valores.order_by("pk"))
    orgao = Orgao.objects.create(sigla="BENCH", nome="Órgão do benchmark")
    orgao.membros.add(usuario)
    equipe = User.objects.create_user("bench-equipe", password=secrets.token_urlsafe(16))
    equipe.groups.add(Group.objects.get(name=EQUIPE))
    orgao.membros.add(equipe)
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
    return usuario, equipe, contratacoes


def _cliente(usuario):
    from django.test import Client

    cliente = Client()
    cliente.force_login(usuario)
    return cliente


def tempos_intercalados(cliente, paginas: dict[str, str], pedidos=PEDIDOS_POR_RODADA):
    """{nome: [mediana de cada rodada em ms]}: as páginas se alternam dentro de cada rodada."""
    for url in paginas.values():
        resposta = cliente.get(url)  # aquece templates, caches e a sessão
        assert resposta.status_code == 200, (url, resposta.status_code)
    medianas = {nome: [] for nome in paginas}
    for _ in range(RODADAS):
        for nome, url in paginas.items():
            tempos = []
            for _ in range(pedidos):
                inicio = time.perf_counter()
                resposta = cliente.get(url)
                tempos.append((time.perf_counter() - inicio) * 1000)
                assert resposta.status_code == 200, (url, resposta.status_code)
            medianas[nome].append(statistics.median(tempos))
    return medianas


def _consultas(cliente, url, **extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cliente.get(url, **extra)
    with CaptureQueriesContext(connection) as c:
        resposta = cliente.get(url, **extra)
    return resposta, [q["sql"] for q in c.captured_queries]


def medir_paginas(usuario, contratacoes, banco):
    from django.urls import reverse

    cliente = _cliente(usuario)
    os_500 = contratacoes[500].ordens.order_by("pk")
    paginas = {
        "Painel": reverse("painel"),
        "Detalhe da contratação, 10 linhas": contratacoes[10].get_absolute_url(),
        "Detalhe da contratação, 100 linhas": contratacoes[100].get_absolute_url(),
        "Detalhe da contratação, 500 linhas": contratacoes[500].get_absolute_url(),
        "Edição da contratação, 500 linhas": reverse(
            "contratos:contratacao_editar", args=[contratacoes[500].pk]
        ),
        "Edição de OS, 10 linhas": contratacoes[10].ordens.get().get_absolute_url(),
        "Edição de OS, 25 linhas (1 das 20 OS de 500)": os_500.first().get_absolute_url(),
        "Mapa salarial (35 perfis)": reverse("contratos:mapa"),
        "Cronograma do ACT 142/2024": reverse("acordo:cronograma"),
        "Lista de contratações": reverse("contratos:contratacao_lista"),
    }
    medianas = tempos_intercalados(cliente, paginas)
    linhas = []
    for nome, valores in medianas.items():
        if nome == "Painel":
            _, consultas = _consultas(cliente, paginas["Painel"])
            ok = statistics.median(valores) <= META_PAINEL_MS and len(consultas) <= META_PAINEL_CONSULTAS
            linhas.append(
                linha(
                    f"Painel (superusuário, recentes de 500/100/10 linhas), {banco}",
                    f"{faixa(valores, unidade=' ms')}, {len(consultas)} consultas",
                    f"<= {META_PAINEL_MS:.0f} ms e <= {META_PAINEL_CONSULTAS} consultas",
                    ok,
                )
            )
        else:
            linhas.append(linha(f"{nome}, {banco}", faixa(valores, unidade=" ms")))
    return linhas


def medir_requisicoes(usuario, equipe, contratacoes):
    """Sessão gravada uma vez por minuto, permissões numa consulta, HTML comprimido (meta 4 da issue 19)."""
    detalhe = contratacoes[100].get_absolute_url()
    cliente = _cliente(equipe)
    cliente.get(detalhe)  # grava a marca da renovação
    gravacoes = 0
    consultas_perm = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(10):
        with CaptureQueriesContext(connection) as c:
            assert cliente.get(detalhe).status_code == 200
        sqls = [q["sql"] for q in c.captured_queries]
        gravacoes += sum(1 for s in sqls if s.startswith("UPDATE") and "django_session" in s)
        consultas_perm.append(sum(1 for s in sqls if "auth_permission" in s))
    total = len(sqls)
    cru = cliente.get(detalhe)
    comprimido = cliente.get(detalhe, headers={"accept-encoding": "gzip"})
    gzip_ok = comprimido.get("Content-Encoding") == "gzip"
    return [
        linha(
            "Sessão: gravações em 10 páginas seguidas (equipe)",
            f"{gravacoes}",
            "0 (no máximo 1 por minuto)",
            gravacoes == 0,
        ),
        linha(
            "Permissões: consultas por página (equipe)",
            f"{max(consultas_perm)} (de {total} consultas do detalhe de 100 linhas)",
            "1 por requisição",
            max(consultas_perm) == 1,
        ),
        linha(
            "HTML comprimido: detalhe de 100 linhas",
            f"{len(cru.content) / 1024:.0f} KiB → {len(comprimido.content) / 1024:.1f} KiB gzip",
            "Content-Encoding: gzip",
            gzip_ok,
        ),
    ]


def medir_ics(usuario):
    from django.urls import reverse

    cliente = _cliente(usuario)
    url = reverse("acordo:ics")
    etag = cliente.get(url)["ETag"]
    medianas = tempos_intercalados(cliente, {"200": url}, pedidos=3)["200"]
    condicional = {"headers": {"if-none-match": etag}}
    cliente.get(url, **condicional)
    tempos304 = []
    status = set()
    for _ in range(RODADAS):
        ts = []
        for _ in range(3):
            inicio = time.perf_counter()
            status.add(cliente.get(url, **condicional).status_code)
            ts.append((time.perf_counter() - inicio) * 1000)
        tempos304.append(statistics.median(ts))
    return [
        linha(".ics do ACT, 200 (gerado)", faixa(medianas, unidade=" ms")),
        linha(
            ".ics do ACT inalterado, If-None-Match",
            f"status {sorted(status)}, {faixa(tempos304, unidade=' ms')}",
            "304",
            status == {304},
        ),
    ]


def medir_importacao():
    from bench import importar_mapa as b
    from contratos import services
    from contratos.models import MapaSalarial

    conteudo = b.gerar_csv(5000)
    previas = []
    for rodada in range(RODADAS):
        mapa = MapaSalarial.objects.create(
            nome_ato=f"Bench {rodada}", situacao=MapaSalarial.Situacao.RASCUNHO
        )
        inicio = time.perf_counter()
        previa = services.mapa_importar(
            mapa=mapa, nome_arquivo="mapa.csv", conteudo=conteudo, confirmar=False
        )
        previas.append(time.perf_counter() - inicio)
        assert previa.ok, previa.erros[:3]
    return [linha("Importação de 5.000 linhas do mapa: prévia", faixa(previas, "{:.2f}", " s"))]


def medir_os_500(usuario, contratacoes):
    """Edição de uma OS com as 500 linhas, o pior caso (25 por OS é o comum). Muda os dados: por último."""
    from contratos.models import LinhaPerfil

    c = contratacoes[500]
    primeira = c.ordens.order_by("pk").first()
    LinhaPerfil.objects.filter(ordem__contratacao=c).update(ordem=primeira)
    medianas = tempos_intercalados(_cliente(usuario), {"os": primeira.get_absolute_url()}, pedidos=2)
    return [linha("Edição de OS, 500 linhas numa só OS", faixa(medianas["os"], unidade=" ms"))]


def gerar_contratacoes(total):
    """`total` contratações a mais (3 itens cada), em lote, para as listas."""
    from contratos.models import Contratacao, Item, MapaSalarial, Orgao

    mapa = MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE).get()
    orgaos = [Orgao.objects.create(sigla=f"ORG{n}", nome=f"Órgão {n}") for n in range(20)]
    for inicio in range(0, total, 2000):
        lote = Contratacao.objects.bulk_create(
            Contratacao(
                orgao=orgaos[n % len(orgaos)],
                objeto=f"Contratação gerada {n}",
                numero_processo=f"19974.{n:06d}/2025-02",
                mapa=mapa,
            )
            for n in range(inicio, min(total, inicio + 2000))
        )
        Item.objects.bulk_create(
            Item(contratacao=c, numero=k, descricao=f"Item {k}") for c in lote for k in (1, 2, 3)
        )


def medir_listas_pg(usuario):
    from django.db import connection
    from django.urls import reverse

    from contratos import lista

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    cliente = _cliente(usuario)
    url_lista = reverse("contratos:contratacao_lista")
    paginas = {"1": url_lista, "500": f"{url_lista}?pagina=500"}
    medianas = tempos_intercalados(cliente, paginas, pedidos=10)
    _, consultas = _consultas(cliente, url_lista)
    agregado_mapa = [s for s in consultas if "contratos_valorperfil" in s]
    pks = lista.contratacoes_listar(usuario).values_list("pk", flat=True)
    sql, params = pks[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plano = "\n".join(r[0] for r in cursor.fetchall())
    usa_indice = "contratacao_recentes" in plano
    linhas = [
        linha(
            f"Lista de contratações, superusuário, 10 mil contratações, página {n}, PostgreSQL",
            faixa(valores, "{:.1f}", " ms"),
            f"<= {META_LISTA_MS:.0f} ms",
            statistics.median(valores) <= META_LISTA_MS,
        )
        for n, valores in medianas.items()
    ]
    linhas.append(
        linha(
            "Lista: consultas aos perfis do mapa (agregado não usado)",
            f"{len(agregado_mapa)} de {len(consultas)} consultas",
            "0",
            not agregado_mapa,
        )
    )
    linhas.append(
        linha(
            "Lista: plano usa o índice (atualizada_em DESC, id DESC)",
            "sim" if usa_indice else "não",
            "sim",
            usa_indice,
        )
    )
    return linhas


def _porta_livre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(wrk, script, url, cookie):
    comando = [wrk, "-t2", f"-c{CONEXOES}", f"-d{SEGUNDOS_CARGA}s", "--timeout", "5s", "-s", str(script)]
    # Como um navegador: aceita gzip (a compressão custa CPU do servidor e entra na conta).
    comando += ["-H", "Accept-Encoding: gzip"]
    if cookie:
        comando += ["-H", f"Cookie: sessionid={cookie}"]
    saida = subprocess.run([*comando, url], capture_output=True, text=True, check=True).stdout
    req, dur, *erros, p50, p95, p99 = re.search(r"RESULTADO (.+)", saida).group(1).split()
    return {
        "rps": int(req) / (int(dur) / 1e6),
        "erros": sum(map(int, erros)),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "requisicoes": int(req),
    }


def sessao_autenticada(usuario) -> str:
    """A chave de uma sessão gravada no banco para `usuario` (o cookie da carga), sem passar pelo login."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    sessao = SessionStore()
    sessao[SESSION_KEY] = str(usuario.pk)
    sessao[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[1]
    sessao[HASH_SESSION_KEY] = usuario.get_session_auth_hash()
    sessao.create()
    return sessao.session_key


def ambiente_de_producao(banco: str) -> dict:
    """Variáveis de um processo filho como o gunicorn de produção (DJANGO_DEBUG=0) sobre o mesmo banco."""
    from django.conf import settings

    return {
        **os.environ,
        "DATABASE_URL": banco,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_COOKIES_SEGUROS": "0",
        "DJANGO_LOG_LEVEL": "ERROR",  # erros 500 vão para o log do gunicorn
        # O hash da sessão usa a chave deste processo (modo de desenvolvimento): o filho usa a mesma.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
    }


def medir_carga(usuario, contratacoes, banco, rotulo, pasta: Path):
    """gunicorn (DEBUG=0, WhiteNoise) sobre o mesmo banco; wrk no detalhe (100 linhas) e na página de entrada,
    alternados em RODADAS rodadas."""
    from django.urls import reverse

    wrk = shutil.which("wrk")
    if not wrk:
        return [linha(f"Carga, {rotulo}", "não medido: wrk não encontrado (apt-get install wrk)", "", False)]
    chave_sessao = sessao_autenticada(usuario)
    ambiente = ambiente_de_producao(banco)
    py = sys.executable
    subprocess.run(
        [py, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=RAIZ, env=ambiente, check=True
    )
    porta = _porta_livre()
    log = pasta / f"gunicorn-{rotulo.lower()}.log"
    with open(log, "w") as saida_log:
        gunicorn = subprocess.Popen(
            [str(Path(py).parent / "gunicorn"), "config.wsgi:application", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{porta}", "--log-level", "warning"],
            cwd=RAIZ,
            env=ambiente,
            stdout=subprocess.DEVNULL,
            stderr=saida_log,
        )
    script = pasta / "wrk.lua"
    script.write_text(LUA)
    base = f"http://127.0.0.1:{porta}"
    paginas = {
        "detalhe (100 linhas)": (base + contratacoes[100].get_absolute_url(), chave_sessao),
        "entrada (/entrar/)": (base + reverse("login"), None),
    }
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", porta), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        for url, cookie in paginas.values():  # aquecimento fora da medida
            for _ in range(6):
                cabecalho = ["-H", f"Cookie: sessionid={cookie}"] if cookie else []
                subprocess.run(["curl", "-s", "-o", "/dev/null", *cabecalho, url], check=True)
        rodadas = {nome: [] for nome in paginas}
        for _ in range(RODADAS):
            for nome, (url, cookie) in paginas.items():
                rodadas[nome].append(_wrk(wrk, script, url, cookie))
        # Conferência: a sessão autenticou mesmo (senão mediríamos o redirecionamento para o login).
        codigo = subprocess.run(
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-H",
                f"Cookie: sessionid={chave_sessao}",
            ]
            + [paginas["detalhe (100 linhas)"][0]],
            capture_output=True,
            text=True,
        ).stdout
        assert codigo == "200", (codigo, f"ver {log}")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    d, e = rodadas["detalhe (100 linhas)"], rodadas["entrada (/entrar/)"]
    erros = sum(r["erros"] for r in d)
    p99 = [r["p99"] for r in d]
    razoes = [a["rps"] / b["rps"] for a, b in zip(d, e, strict=True)]
    prefixo = f"Carga {rotulo} (gunicorn 2 workers, wrk {CONEXOES} conexões, {SEGUNDOS_CARGA} s × {RODADAS})"
    return [
        linha(
            f"{prefixo}: detalhe de 100 linhas, req/s",
            faixa([r["rps"] for r in d], "{:.1f}"),
        ),
        linha(f"{prefixo}: entrada (/entrar/), req/s", faixa([r["rps"] for r in e], "{:.1f}")),
        linha(
            f"{prefixo}: detalhe, erros", f"{erros} de {sum(r['requisicoes'] for r in d)}", "0", erros == 0
        ),
        linha(
            f"{prefixo}: detalhe, p99",
            faixa(p99, unidade=" ms") + f"; p50 {faixa([r['p50'] for r in d], unidade=' ms')}",
            f"<= {META_P99_MS:.0f} ms",
            statistics.median(p99) <= META_P99_MS,
        ),
        linha(
            f"{prefixo}: razão req/s detalhe / entrada (mesma rodada)",
            faixa(razoes, "{:.2f}"),
            f">= {META_RAZAO_CARGA}",
            statistics.median(razoes) >= META_RAZAO_CARGA,
        ),
    ]


def os_pagina() -> list:
    """Linhas de bench/os_pagina.py (itens 1 e 2 da issue 19): ela prepara o próprio banco e o Django."""
    from bench.os_pagina import medir

    return [
        linha(nome, f"{valor:.1f} {unidade}".strip(), meta, ok) for nome, valor, unidade, meta, ok in medir()
    ]


def parte(banco_rotulo: str, pasta: Path) -> list:
    if banco_rotulo == "os_pagina":
        return os_pagina()
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    banco = os.environ["DATABASE_URL"]
    usuario, equipe, contratacoes = preparar()
    linhas = []
    if banco_rotulo == "PostgreSQL":
        gerar_contratacoes(CONTRATACOES_PG)
        linhas += medir_listas_pg(usuario)
        linhas += medir_paginas(usuario, contratacoes, f"{banco_rotulo}, +{CONTRATACOES_PG} contratações")[:1]
        linhas += medir_carga(usuario, contratacoes, banco, banco_rotulo, pasta)
        return linhas
    linhas += medir_paginas(usuario, contratacoes, banco_rotulo)
    linhas += medir_requisicoes(usuario, equipe, contratacoes)
    linhas += medir_ics(usuario)
    linhas += medir_importacao()
    linhas += medir_carga(usuario, contratacoes, banco, banco_rotulo, pasta)
    linhas += medir_os_500(usuario, contratacoes)
    return linhas


# --------------------------------------------------------------------------------------------------------
# Processo principal


def maquina():
    memoria = next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1]  # noqa: SIM115
    return (
        f"{os.cpu_count()} CPUs (nproc), {int(memoria) / 2**20:.1f} GiB de memória, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )


def carga_media():
    return " / ".join(f"{c:.2f}" for c in os.getloadavg()) + " (1, 5, 15 min)"


def _postgres(pasta: Path):
    """Um banco novo desta execução no PostgreSQL local (o papel planejatic, como em .ci/run), ou None."""
    if not shutil.which("pg_isready") or subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode:
        return None
    nome = f"bench_tabela_{os.getpid()}_{secrets.token_hex(3)}"
    criar = subprocess.run(
        ["psql", f"{PG_ADMIN}/postgres", "-qc", f"CREATE DATABASE {nome}"], capture_output=True
    )
    return f"{PG_ADMIN}/{nome}" if criar.returncode == 0 else None


def _subprocesso(rotulo, banco, pasta: Path):
    saida = pasta / f"{rotulo}.json"
    ambiente = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    if banco:
        ambiente["DATABASE_URL"] = banco
    processo = subprocess.run(
        [sys.executable, __file__, "--parte", rotulo, str(pasta)], cwd=RAIZ, env=ambiente, capture_output=True
    )
    if processo.returncode:
        erro = processo.stderr.decode()[-1500:]
        print(f"-- parte {rotulo} falhou:\n{erro}", file=sys.stderr)
        return [linha(f"Parte {rotulo}", "falhou (ver stderr)", "", False)]
    return json.loads(saida.read_text())


def anexo_a():
    from bench import anexo_a as b

    m = b.medir(20_000)
    cpu = m["cpu"]
    linhas = [
        linha(
            "Anexo A, 20.000 linhas: exportador (CPU)",
            faixa(cpu["exportador"], "{:.2f}", " s"),
        ),
        linha(
            "Anexo A: razão exportador / openpyxl write-only com os mesmos formatos (CPU, por rodada)",
            faixa(m["razoes"], "{:.2f}"),
            f"<= {b.META_RAZAO}",
            statistics.median(m["razoes"]) <= b.META_RAZAO,
        ),
        linha(
            "Anexo A: pico de memória do exportador (tracemalloc)",
            f"{m['pico_mib']:.1f} MiB (1.000 linhas: {m['pico_mib_1000']:.1f} MiB)",
            f"<= {b.META_MEMORIA_MIB:.0f} MiB",
            m["pico_mib"] <= b.META_MEMORIA_MIB,
        ),
        linha(
            "  referência: openpyxl write-only sem estilo (CPU)",
            faixa(cpu["write_only_sem_estilo"], "{:.2f}", " s"),
        ),
        linha(
            "  base: openpyxl write-only com os mesmos formatos (CPU)",
            faixa(cpu["write_only_formatos"], "{:.2f}", " s"),
        ),
    ]
    if "xlsxwriter_formatos" in cpu:
        linhas.append(
            linha(
                "  referência de fora: XlsxWriter, mesmas células e formatos (CPU)",
                faixa(cpu["xlsxwriter_formatos"], "{:.2f}", " s"),
            )
        )
    else:
        linhas.append(linha("  referência de fora: XlsxWriter", "não instalado (não é dependência)"))
    return linhas


def imprimir(linhas):
    largura = max(len(n) for n, *_ in linhas)
    figura = max(len(f) for _, f, *_ in linhas)
    meta = max(len(m) for _, _, m, _ in linhas)
    print(f"{'Medida':{largura}}  {'figura: mediana (mín–máx)':{figura}}  {'meta':{meta}}  situação")
    print("-" * (largura + figura + meta + 16))
    for nome, fig, m, s in linhas:
        print(f"{nome:{largura}}  {fig:{figura}}  {m:{meta}}  {s}")


def main():
    pasta = Path(tempfile.mkdtemp(prefix="bench-tabela-"))
    inicio = time.time()
    print("Máquina:", maquina())
    print("Carga média antes:", carga_media(), flush=True)
    linhas = _subprocesso("SQLite", f"sqlite:///{pasta / 'bench.sqlite3'}", pasta)
    pg = _postgres(pasta)
    if pg is None:
        linhas.append(linha("Parte PostgreSQL", "não medido: PostgreSQL local indisponível", "", False))
    else:
        try:
            linhas += _subprocesso("PostgreSQL", pg, pasta)
        finally:
            nome = pg.rsplit("/", 1)[1]
            subprocess.run(
                ["psql", f"{PG_ADMIN}/postgres", "-qc", f"DROP DATABASE IF EXISTS {nome}"], check=False
            )
    if (RAIZ / "bench" / "os_pagina.py").exists():  # do outro trabalho da issue 19; sem ele, a linha some
        linhas += _subprocesso("os_pagina", os.environ.get("DATABASE_URL", ""), pasta)
    linhas += anexo_a()
    print()
    imprimir(linhas)
    print()
    fora = [n for n, _, _, s in linhas if s == "não atingida"]
    print(f"Metas não atingidas: {len(fora)}" + "".join(f"\n  - {n}" for n in fora))
    print("Carga média depois:", carga_media())
    print(f"Duração: {time.time() - inicio:.0f} s; arquivos desta execução em {pasta}")
    shutil.rmtree(pasta, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--parte":
        rotulo, pasta = sys.argv[2], Path(sys.argv[3])
        resultado = parte(rotulo, pasta)
        (pasta / f"{rotulo}.json").write_text(json.dumps(resultado, ensure_ascii=False))
    else:
        main()
