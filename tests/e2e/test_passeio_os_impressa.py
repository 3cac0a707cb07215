"""Navegador: a equipe abre a versão para impressão de uma OS pela contratação e a imprime em PDF (o mesmo
motor do Chromium que imprime no papel): cabeçalho do órgão, data, assinaturas e "Página N de M", sem o menu
(issue 15, item 9)."""

import re
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import SENHA
from tests.e2e.comum import contratacao_do_exemplo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_imprimir_a_os(pagina, live_server, entrar, axe, usuario_equipe, orgao, tmp_path):
    contratacao = contratacao_do_exemplo(
        orgao, objeto="Sustentação da sede", numero_processo="19974.000555/2026-01"
    )
    contratacao.equipe.create(nome="Ana Planejadora", papel="requisitante")
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}{contratacao.get_absolute_url()}")
    pagina.get_by_role("link", name="Versão para impressão").click()

    cabecalho = pagina.get_by_test_id("cabecalho-os")
    expect(cabecalho).to_contain_text("Órgão de Exemplo – ORGEX")
    expect(cabecalho).to_contain_text("Processo 19974.000555/2026-01")
    expect(cabecalho).to_contain_text(f"Emitida em {timezone.localdate():%d/%m/%Y}")
    expect(pagina.get_by_test_id("assinatura")).to_have_count(1)
    assert axe(pagina) == []

    pagina.evaluate("() => { window.print = () => { window.impresso = true; }; }")  # sem a caixa do sistema
    pagina.get_by_role("button", name="Imprimir").click()
    assert pagina.evaluate("() => window.impresso") is True

    pdf = tmp_path / "os.pdf"
    pagina.emulate_media(media="print")
    expect(pagina.get_by_role("navigation", name="Menu principal")).to_be_hidden()
    expect(pagina.get_by_role("button", name="Imprimir")).to_be_hidden()
    pagina.pdf(path=str(pdf), prefer_css_page_size=True)
    texto = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    paginas = texto.stdout.split("\f")[:-1]
    assert paginas, "o PDF saiu vazio"
    for numero, conteudo in enumerate(paginas, start=1):
        assert re.search(rf"Página {numero} de {len(paginas)}", conteudo), conteudo[-300:]
    tudo = " ".join(" ".join(paginas).split())
    assert "Órgão de Exemplo – ORGEX" in tudo and "OS nº 001/2026" in tudo
    assert "Assinaturas" in tudo and "Ana Planejadora Integrante requisitante" in tudo
    assert "Menu principal" not in tudo and "Voltar à contratação" not in tudo
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info)  # A4 retrato, do @page
