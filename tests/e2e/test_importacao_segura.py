"""Navegador: o Administrador de referências importa o mapa pelo admin (prévia → confirmação), tem um arquivo
acima do limite de linhas recusado ao lado do campo, e uma confirmação adulterada recusada (issue 18)."""

import os
import re
from pathlib import Path

import pytest

from contratos.models import MapaSalarial, ValorPerfil
from tests.conftest import SENHA
from tests.contratos import mapa_arquivos as arq

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = Path(os.environ.get("FOTOS_PLANILHAS", "/tmp/shots-planilhas"))  # noqa: S108 (pasta combinada das fotos)
LINHAS = [
    ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"],
    ["GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17.851,64", "1,94"],
]


def _foto(pagina, nome):
    FOTOS.mkdir(parents=True, exist_ok=True)
    for largura in (1366, 390):
        pagina.set_viewport_size({"width": largura, "height": 900})
        pagina.screenshot(path=str(FOTOS / f"{nome}-{largura}.png"), full_page=True)
    pagina.set_viewport_size({"width": 1366, "height": 900})


def _enviar(pagina, nome, conteudo):
    pagina.set_input_files(
        "input[name=import_file]", files=[{"name": nome, "mimeType": "text/csv", "buffer": conteudo}]
    )
    pagina.locator("form[enctype] input[type=submit]").click()
    pagina.wait_for_load_state("networkidle")


def test_importar_mapa_confirmar_e_recusas(pagina, live_server, entrar, usuario_admin_ref):
    rascunho = MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao="rascunho")
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "adminref", SENHA)
    url = f"{live_server.url}/admin/contratos/valorperfil/import/?mapa={rascunho.pk}"
    pagina.goto(url)
    assert "20.000 linhas de dados por arquivo" in pagina.locator("#content").inner_text()
    _foto(pagina, "1-formulario")

    # 1) Arquivo acima do limite: recusado com a mensagem ao lado do campo, nada gravado.
    _enviar(pagina, "mapa-grande.csv", arq.csv_bytes([["P-01", "Perfil", "Pleno", "1,00", "2,00"]] * 20_001))
    assert "mais de 20.000 linhas" in pagina.locator(".errorlist").first.inner_text()
    assert not pagina.locator("input[name=confirm]").count()
    assert ValorPerfil.objects.count() == 0
    _foto(pagina, "2-acima-do-limite")

    # 2) Arquivo pequeno: prévia, confirmação com o mouse, mensagem de sucesso.
    pagina.goto(url)
    _enviar(pagina, "mapa.csv", arq.csv_bytes(LINHAS))
    assert "2 perfis novos, 0 alterados, 0 inalterados" in pagina.content()
    _foto(pagina, "3-previa")
    pagina.locator("form input[name=confirm]").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_text(re.compile(r"Importação concluída: 2 perfis novos")).is_visible()
    assert rascunho.valores.count() == 2
    _foto(pagina, "4-concluida")

    # 3) Confirmação adulterada (outro arquivo da pasta temporária): recusada, nada gravado.
    pagina.goto(url)
    _enviar(
        pagina,
        "mapa2.csv",
        arq.csv_bytes([["CLOUD-01", "Especialista em nuvem", "Pleno", "9.000,00", "2,00"]]),
    )
    pagina.locator("input[name=import_file_name]").evaluate("campo => campo.value = '/etc/hostname'")
    pagina.locator("form input[name=confirm]").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_role("alert").inner_text().startswith("A confirmação não corresponde à prévia")
    assert rascunho.valores.count() == 2
    _foto(pagina, "5-confirmacao-recusada")
    pagina.get_by_role("link", name="Enviar a planilha de novo").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.locator("input[name=import_file]").is_visible()
