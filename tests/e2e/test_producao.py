"""Caminho de produção: gunicorn (DJANGO_DEBUG=0) + PostgreSQL + WhiteNoise, num servidor de verdade.

Roda só no passo do `.ci/run` que sobe o servidor e define PLANEJATIC_URL, PLANEJATIC_USUARIO e
PLANEJATIC_SENHA; fora dele (por exemplo em `make test`) é pulado. Não usa o banco de teste nem o live_server:
tudo passa pelo HTTP do gunicorn.
"""

import os
import re
from io import BytesIO
from urllib.parse import urlsplit

import openpyxl
import pytest

from tests.e2e.conftest import CHROMIUM, FLAGS

URL = os.environ.get("PLANEJATIC_URL", "").rstrip("/")
OBJETO_EXEMPLO = "EXEMPLO FICTÍCIO"
# Nome com o hash do conteúdo (CompressedManifestStaticFilesStorage) e cache de 10 anos do WhiteNoise.
NOME_COM_HASH = re.compile(r"\.[0-9a-f]{12}\.css$")

pytestmark = [
    pytest.mark.producao,
    pytest.mark.skipif(not URL, reason="defina PLANEJATIC_URL (passo de produção do .ci/run)"),
]


@pytest.fixture
def pagina_producao():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        contexto = navegador.new_context(locale="pt-BR", accept_downloads=True)
        page = contexto.new_page()
        page.set_default_timeout(20000)
        page.externas, page.erros_console = [], []
        page.on(
            "request",
            lambda r: None if r.url.startswith((URL, "data:", "blob:")) else page.externas.append(r.url),
        )
        page.on("console", lambda m: page.erros_console.append(m.text) if m.type == "error" else None)
        yield page
        contexto.close()
        navegador.close()


def test_login_contratacao_de_exemplo_e_anexo_a_no_gunicorn(pagina_producao):
    page = pagina_producao
    page.goto(f"{URL}/entrar/")
    page.get_by_label("Usuário").fill(os.environ["PLANEJATIC_USUARIO"])
    page.get_by_label("Senha").fill(os.environ["PLANEJATIC_SENHA"])
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/", page.url

    page.goto(f"{URL}/contratos/contratacoes/")
    page.get_by_role("row").filter(has_text=OBJETO_EXEMPLO).get_by_role("link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("total-mensal").inner_text() == "R$ 56.152,38"  # DESIGN.md §4.3

    with page.expect_download() as baixado:
        page.get_by_test_id("exportar-anexo-a").click()
    livro = openpyxl.load_workbook(BytesIO(baixado.value.path().read_bytes()))
    formulas = [
        c.value for ws in livro for linha in ws.iter_rows() for c in linha if isinstance(c.value, str)
    ]
    formulas = [f for f in formulas if f.startswith("=")]
    assert any(f.startswith("=ROUND(") for f in formulas), formulas[:10]
    assert any("SUM(" in f for f in formulas), formulas[:10]
    assert any("*12" in f.replace(" ", "") for f in formulas), formulas[:20]

    assert page.externas == []
    assert page.erros_console == []


def test_estaticos_vem_do_whitenoise_com_hash_e_cache_longo(pagina_producao):
    page = pagina_producao
    page.goto(f"{URL}/entrar/")
    folhas = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.href)")
    assert folhas, "a página de entrada não tem CSS"
    for href in folhas:
        assert urlsplit(href).path.startswith("/static/"), href
        assert NOME_COM_HASH.search(href), f"sem hash no nome (collectstatic com manifesto?): {href}"
        resposta = page.request.get(href)
        assert resposta.status == 200, href
        cache = resposta.headers.get("cache-control", "")
        idade = int(re.search(r"max-age=(\d+)", cache).group(1))
        assert idade >= 365 * 24 * 3600 and "immutable" in cache, (href, cache)
    # DEBUG=0 de verdade: página inexistente dá o 404 do produto, sem a página de depuração do Django.
    resposta = page.request.get(f"{URL}/nao-existe-{os.getpid()}/", max_redirects=0)
    assert resposta.status in (302, 404)
    assert "Traceback" not in resposta.text() and "DEBUG = True" not in resposta.text()


def test_404_em_portugues_no_gunicorn_sem_debug(pagina_producao):
    """Com DJANGO_DEBUG=0 e os estáticos com hash do WhiteNoise, a página de erro é a do produto, em pt-BR."""
    page = pagina_producao
    # O próprio documento responde 404 (o Chromium anota isso no console); nenhum outro recurso pode falhar.
    falhas = []
    page.on(
        "response",
        lambda r: falhas.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None,
    )
    resposta = page.goto(f"{URL}/nao-existe/")
    assert resposta.status == 404
    assert "Not Found" not in page.content()
    assert page.get_by_role("link", name="PlanejaTIC").first.is_visible()
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    page.goto(f"{URL}/entrar/")
    page.get_by_label("Usuário").fill(os.environ["PLANEJATIC_USUARIO"])
    page.get_by_label("Senha").fill(os.environ["PLANEJATIC_SENHA"])
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_load_state("networkidle")
    resposta = page.goto(f"{URL}/contratos/contratacoes/999999999/")
    assert resposta.status == 404
    assert "Página não encontrada" in page.content()
    assert falhas == []
    assert page.externas == []
