"""Benchmark da página de edição da OS com muitas linhas e do Painel com contratações enormes (issue 19,
itens 1 e 2). Não é teste: imprime números.

Uso: .venv/bin/python bench/os_pagina.py [rodadas]

Mede, num SQLite temporário próprio de cada execução (caminho único):
- bytes do HTML da OS com 500 e 2.000 linhas (antes de compressão) e o tempo de servidor de cada página;
- o evento load no Chromium (Playwright) em loopback, com 500 e 2.000 linhas, e a CPU da thread principal do
  renderer até ele (informativa, numa abertura rastreada à parte);
- o tempo de servidor de uma requisição de total ao vivo com 500 linhas;
- o Painel com as 5 contratações recentes enormes (20k + 5k + 2k + 1k + 100 linhas): ms e nº de consultas.
Cada figura é a mediana de ≥ 3 rodadas intercaladas, com mín–máx; nos tempos de servidor, a figura de cada
rodada é a mediana de 5 pedidos seguidos; no evento load, de 3 aberturas. `medir()` devolve as linhas para a
tabela comum do bench (bench/tabela.py).

Cada página abre a partir de uma aba em branco com o navegador ocioso, e os tempos de servidor são tomados
com o navegador ocioso: a máquina tem 2 núcleos, e a OS de 500 linhas aberta logo depois da de 2.000 pagava o
descarte daquela (e as opções que o script ainda completava nela) no seu evento load, e o total ao vivo
disputava a CPU com o navegador. O total ao vivo envia o corpo que a própria página envia (capturado no
Chromium ao digitar a quantidade da 1ª linha).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

RODADAS = 3
FORMULARIO = "application/x-www-form-urlencoded"
SOSSEGO_S = 0.5
PEDIDOS_POR_RODADA = 5
CARGAS_POR_RODADA = 3
METAS = {
    "html_500_kb": 400,
    "load_500_ms": 700,
    "load_2000_ms": 2500,
    "ao_vivo_500_ms": 50,
    "painel_ms": 60,
    "painel_consultas": 15,
}
PAINEL_LINHAS = (20_000, 5_000, 2_000, 1_000, 100)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FLAGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


def _contratacao(orgao, mapa, processo: str, linhas: int, *, por_os: int):
    from bench.carga import linhas_de_perfil
    from contratos import totais
    from contratos.models import Contratacao, Item, OrdemServico

    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Benchmark", numero_processo=processo, mapa=mapa
    )
    item = Item.objects.create(contratacao=contratacao, numero=1, descricao="Item do benchmark")
    perfis = list(mapa.valores.order_by("pk"))
    ordens = []
    for n in range((linhas + por_os - 1) // por_os):
        ordem = OrdemServico.objects.create(
            item=item,
            contratacao=contratacao,
            numero=f"OS nº {n + 1:03d}/2026",
            identificacao="x",
            produtos="R",
        )
        ordens.append(ordem)
        quantas = min(por_os, linhas - n * por_os)
        linhas_de_perfil(ordem, perfis, quantas)
    # Carga direta no banco (rápida); os totais guardados pela mesma função dos serviços.
    totais.gravar(contratacao_id=contratacao.pk, todos=True)
    return contratacao, ordens


def preparar():
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from contratos import referencias
    from contratos.models import MapaSalarial, Orgao
    from core.grupos import EQUIPE

    call_command("migrate", verbosity=0)
    referencias.carregar(saida=open(os.devnull, "w"))  # noqa: SIM115 (mapa 6.055/2025 real, 35 perfis)
    mapa = MapaSalarial.objects.get(nome_ato=referencias.ATO)
    usuario = User.objects.create_user("bench")
    usuario.groups.add(Group.objects.get(name=EQUIPE))
    # Um órgão para as páginas da OS e outro, do mesmo usuário, para o Painel com as 5 enormes.
    orgao = Orgao.objects.create(sigla="BENCH", nome="Órgão do benchmark")
    orgao.membros.add(usuario)
    grande, ordens = _contratacao(orgao, mapa, "19974.000001/2026-01", 2_500, por_os=2_000)
    for i, linhas in enumerate(PAINEL_LINHAS):
        _contratacao(orgao, mapa, f"19974.{i + 10:06d}/2026-01", linhas, por_os=2_000)
    # a OS de 500 linhas divide a contratação com a de 2.000: o total ao vivo não relê a outra
    return usuario, grande, {2_000: ordens[0], 500: ordens[1]}


def _mediana_da_rodada(pedir) -> float:
    """A mediana, em ms, de PEDIDOS_POR_RODADA pedidos seguidos (como bench/tabela.py): um soluço da VM num
    pedido não vira a figura da rodada."""
    tempos = []
    for _ in range(PEDIDOS_POR_RODADA):
        inicio = time.perf_counter()
        resposta = pedir()
        tempos.append((time.perf_counter() - inicio) * 1000)
        assert resposta.status_code == 200, resposta.status_code
    return statistics.median(tempos)


def _load_da_rodada(pagina, url) -> float:
    """A mediana do evento load (ms desde o início da navegação) de CARGAS_POR_RODADA aberturas de `url`,
    cada uma de aba em branco."""
    cargas = []
    for _ in range(CARGAS_POR_RODADA):
        _sossegar(pagina)
        pagina.goto(url, wait_until="load")
        cargas.append(pagina.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart"))
    return statistics.median(cargas)


def _cpu_principal(navegador, pagina, url) -> float:
    """CPU (ms) da thread principal do renderer do Chromium, do início da navegação ao evento load, pelo
    rastro (soma do tempo de thread de cada tarefa). Informativa: separa o trabalho do Chromium da espera pela
    CPU, mas nesta VM também varia (o tempo roubado pelo hipervisor conta nela); o rastro pesa na abertura,
    por isso é uma abertura à parte."""
    _sossegar(pagina)
    navegador.start_tracing(page=pagina, categories=["toplevel", "devtools.timeline"])
    pagina.goto(url, wait_until="load")
    eventos = json.loads(navegador.stop_tracing())["traceEvents"]
    principal = {
        (e["pid"], e["tid"])
        for e in eventos
        if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    fim = max(e["ts"] for e in eventos if e.get("name") == "MarkLoad" and (e["pid"], e["tid"]) in principal)
    return (
        sum(
            e["tdur"]
            for e in eventos
            if e.get("name") == "ThreadControllerImpl::RunTask"
            and (e["pid"], e["tid"]) in principal
            and e.get("ph") == "X"
            and "tdur" in e
            and e["ts"] <= fim
        )
        / 1000
    )


def _mediana(valores):
    return statistics.median(valores), min(valores), max(valores)


def _servidor():
    """Servidor WSGI em loopback (com os estáticos) para o Chromium, numa thread."""
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler

    class Silencioso(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Multi(WSGIServer):
        daemon_threads = True

        def process_request(self, request, client_address):
            threading.Thread(target=self._tratar, args=(request, client_address), daemon=True).start()

        def _tratar(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            finally:
                self.shutdown_request(request)

    servidor = make_server("127.0.0.1", 0, StaticFilesHandler(WSGIHandler()), Multi, Silencioso)
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    return servidor


def _corpo_ao_vivo(pagina) -> tuple[str, str]:
    """O endereço e o corpo do total ao vivo como a página os envia (htmx, x-www-form-urlencoded): digita-se
    na quantidade da 1ª linha e captura-se o pedido."""
    campo = pagina.locator('input[name="linhas-0-quantidade"]')
    with pagina.expect_request(lambda pedido: "/os/calcular/" in pedido.url) as pedido:
        campo.fill(str(int(campo.input_value()) + 1))
    return pedido.value.url, pedido.value.post_data


def _sossegar(pagina) -> None:
    """Aba em branco e um instante: o documento anterior (e o que o script ainda fazia nele) se vai antes
    da próxima medida, em vez de pesar nela."""
    pagina.goto("about:blank")
    time.sleep(SOSSEGO_S)


def _configurar() -> Path:
    """Banco SQLite próprio desta execução (caminho único: execuções simultâneas não se atropelam)."""
    pasta = Path(tempfile.mkdtemp(prefix="bench-os-pagina-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{pasta / 'banco.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault(
        "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
    )  # o Playwright síncrono deixa um laço na thread
    import django

    django.setup()
    return pasta


def medir_tudo(rodadas: int = RODADAS) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    settings.ALLOWED_HOSTS = ["*"]
    usuario, _, ordens = preparar()
    cliente = Client()
    cliente.force_login(usuario)
    urls = {n: ordem.get_absolute_url() for n, ordem in ordens.items()}
    servidor = _servidor()
    base = f"http://127.0.0.1:{servidor.server_port}"
    sessao = cliente.cookies["sessionid"].value
    tempos: dict[str, list[float]] = {}
    tamanhos = {}
    consultas_painel = 0
    for url in (*urls.values(), reverse("painel")):  # aquece templates
        cliente.get(url)
    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        contexto = navegador.new_context()
        contexto.add_cookies([{"name": "sessionid", "value": sessao, "url": base}])
        pagina = contexto.new_page()
        pagina.goto(base + urls[500])  # aquece o navegador e os estáticos
        calcular, corpo_ao_vivo = _corpo_ao_vivo(pagina)
        campos_ao_vivo = corpo_ao_vivo.count("&") + 1
        calcular = calcular.removeprefix(base)
        for _ in range(rodadas):  # rodadas intercaladas: a carga da máquina pesa igual em todas
            _sossegar(pagina)  # o servidor medido com o navegador ocioso
            for n, url in urls.items():
                tempos.setdefault(f"servidor_{n}", []).append(
                    _mediana_da_rodada(lambda url=url: cliente.get(url))
                )
                tamanhos[n] = len(cliente.get(url).content)
            # como o htmx envia: application/x-www-form-urlencoded (o cliente de teste mandaria multipart)
            resposta = cliente.post(calcular, corpo_ao_vivo, content_type=FORMULARIO)
            assert b'data-testid="total-os"' in resposta.content
            tempos.setdefault("ao_vivo_500", []).append(
                _mediana_da_rodada(lambda: cliente.post(calcular, corpo_ao_vivo, content_type=FORMULARIO))
            )
            tempos.setdefault("painel", []).append(_mediana_da_rodada(lambda: cliente.get(reverse("painel"))))
            with CaptureQueriesContext(connection) as consultas:
                cliente.get(reverse("painel"))
            consultas_painel = len(consultas)
            for n, url in urls.items():
                tempos.setdefault(f"load_{n}", []).append(_load_da_rodada(pagina, base + url))
                tempos.setdefault(f"cpu_{n}", []).append(_cpu_principal(navegador, pagina, base + url))
        navegador.close()
    servidor.shutdown()
    return {
        "tempos": {k: _mediana(v) for k, v in tempos.items()},
        "bytes": tamanhos,
        "painel": consultas_painel,
        "campos_ao_vivo": campos_ao_vivo,
    }


def _faixa(t, chave) -> str:
    _, minimo, maximo = t[chave]
    return f" (mín–máx {minimo:.1f}–{maximo:.1f})"


def _linhas(r) -> list[tuple[str, float, str, str, bool | None]]:
    """(rótulo, valor, unidade, meta, atingida); sem meta na issue, meta "" e atingida None."""
    t = r["tempos"]
    kb = {n: b / 1024 for n, b in r["bytes"].items()}

    def tempo(rotulo, chave, meta=None):
        valor = t[chave][0]
        return (rotulo + _faixa(t, chave), valor, "ms", *_meta(valor, meta, "ms"))

    return [
        (
            "OS 500 linhas: HTML (KB, antes de compressão)",
            kb[500],
            "KB",
            *_meta(kb[500], "html_500_kb", "KB"),
        ),
        ("OS 2.000 linhas: HTML (KB)", kb[2_000], "KB", "", None),
        tempo("OS 500 linhas: servidor (mediana)", "servidor_500"),
        tempo("OS 2.000 linhas: servidor (mediana)", "servidor_2000"),
        tempo("OS 500 linhas: evento load no Chromium (de aba em branco)", "load_500", "load_500_ms"),
        tempo("OS 2.000 linhas: evento load no Chromium (de aba em branco)", "load_2000", "load_2000_ms"),
        tempo("OS 500 linhas: CPU da thread principal do Chromium até o load", "cpu_500"),
        tempo("OS 2.000 linhas: CPU da thread principal do Chromium até o load", "cpu_2000"),
        tempo(
            f"Total ao vivo, 500 linhas ({r['campos_ao_vivo']} campos, o corpo da página): servidor",
            "ao_vivo_500",
            "ao_vivo_500_ms",
        ),
        tempo("Painel, recentes com 28,1 mil linhas", "painel", "painel_ms"),
        ("Painel: consultas", r["painel"], "consultas", *_meta(r["painel"], "painel_consultas", "consultas")),
    ]


def _meta(valor, chave, unidade) -> tuple[str, bool | None]:
    if chave is None:
        return "", None
    return f"<= {METAS[chave]} {unidade}", valor <= METAS[chave]


def medir(rodadas: int = RODADAS) -> list[tuple[str, float, str, str, bool | None]]:
    """(rótulo, valor, unidade, meta, atingida) de cada figura, para a tabela comum do bench. Roda num
    processo à parte: o Django dele tem o próprio banco temporário, sem tocar no de quem chama."""
    saida = subprocess.run(  # noqa: S603 (este mesmo script, com o Python de quem chama)
        [sys.executable, __file__, "--json", str(rodadas)],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [tuple(linha) for linha in json.loads(saida.splitlines()[-1])]


def main():
    argumentos = [a for a in sys.argv[1:] if a != "--json"]
    rodadas = int(argumentos[0]) if argumentos else RODADAS
    pasta = _configurar()
    carga_antes = os.getloadavg()[0]
    linhas = _linhas(medir_tudo(rodadas))
    carga_depois = os.getloadavg()[0]
    if "--json" in sys.argv:
        print(json.dumps(linhas))
        return
    print(f"Banco temporário: {pasta}; {rodadas} rodadas intercaladas (mediana, mín–máx)")
    print(f"Carga média da máquina (1 min): {carga_antes:.2f} antes, {carga_depois:.2f} depois")
    for rotulo, valor, unidade, meta, ok in linhas:
        situacao = "—" if ok is None else "ok" if ok else "não atingida"
        print(f"{rotulo:<96} {valor:>9.1f} {unidade:<9} {meta:<16} {situacao}")


if __name__ == "__main__":
    main()
