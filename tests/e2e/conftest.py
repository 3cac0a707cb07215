"""Navegador real (Chromium do Debian) dirigido pelo Playwright contra o live_server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    pular = pytest.mark.skip(reason=f"Chromium não encontrado em {CHROMIUM}")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pular)


@pytest.fixture(scope="session")
def navegador(django_db_setup):
    from playwright.sync_api import sync_playwright

    # O banco de teste é criado antes (django_db_setup), fora do laço de eventos que o Playwright síncrono
    # deixa na thread enquanto vive; o ORM dos testes (inclusive a limpeza do banco) roda nela mesmo assim.
    anterior = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            yield browser
            browser.close()
    finally:
        if anterior is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = anterior


@pytest.fixture
def pagina(navegador, live_server):
    """Página nova; registra toda requisição que sair de 127.0.0.1 em `pagina.externas`."""
    contexto = navegador.new_context(locale="pt-BR", accept_downloads=True)
    page = contexto.new_page()
    page.externas = []

    def _registrar(request):
        url = request.url
        if not (url.startswith(live_server.url) or url.startswith("data:") or url.startswith("blob:")):
            page.externas.append(url)

    page.on("request", _registrar)
    page.set_default_timeout(15000)
    yield page
    contexto.close()


@pytest.fixture
def entrar(live_server):
    """Faz login pela tela de entrada, como uma pessoa faria."""

    def _entrar(page, username, senha):
        page.goto(f"{live_server.url}/entrar/")
        page.get_by_label("Usuário").fill(username)
        page.get_by_label("Senha").fill(senha)
        page.get_by_role("button", name="Entrar").click()
        page.wait_for_load_state("networkidle")

    return _entrar


@pytest.fixture
def axe():
    """Roda o axe-core (do npm) na página e devolve as violações WCAG 2.1 A/AA."""

    fonte = AXE.read_text(encoding="utf-8")

    def _verificar(page):
        # Avaliado pelo protocolo do navegador: a CSP da página (sem scripts inline) continua valendo.
        page.evaluate(f"() => {{ {fonte}\n; window.axe = axe; }}")
        return page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
            }"""
        )

    return _verificar
