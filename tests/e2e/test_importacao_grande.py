"""Navegador: reimportar um mapa de 600 linhas com duas mudanças (uma além das 500 que a prévia mostra):
a prévia conta e mostra antes → depois, a confirmação grava só as duas (issue 18, item 5)."""

import re
from pathlib import Path

import pytest

from contratos.models import MapaSalarial, ValorPerfil
from tests.conftest import SENHA
from tests.contratos import mapa_arquivos as arq

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOTOS = Path("/tmp/shots-importa")  # noqa: S108 (pasta das fotos desta tarefa)


def _linhas(troca: dict[int, str]) -> list[list[str]]:
    return [
        [f"P{i:04d}", f"Perfil {i}", "Pleno", troca.get(i, f"{1000 + i},00"), "2,00"] for i in range(1, 601)
    ]


def _foto(pagina, nome):
    FOTOS.mkdir(parents=True, exist_ok=True)
    for largura in (1366, 390):
        pagina.set_viewport_size({"width": largura, "height": 900})
        pagina.screenshot(path=str(FOTOS / f"{nome}-{largura}.png"))
    pagina.set_viewport_size({"width": 1366, "height": 900})


def test_reimportar_mapa_grande_com_duas_mudancas(pagina, live_server, entrar, usuario_admin_ref):
    rascunho = MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao="rascunho")
    ValorPerfil.objects.bulk_create(
        ValorPerfil(
            mapa=rascunho, codigo=c, perfil=p, senioridade="pleno", remuneracao=r.replace(",", "."), fator_k=2
        )
        for c, p, _, r, _ in _linhas({})
    )
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/admin/contratos/valorperfil/import/?mapa={rascunho.pk}")

    conteudo = arq.csv_bytes(_linhas({3: "3.333,33", 550: "5.550,55"}))
    pagina.set_input_files(
        "input[name=import_file]", files=[{"name": "mapa.csv", "mimeType": "text/csv", "buffer": conteudo}]
    )
    pagina.locator("form[enctype] input[type=submit]").click()
    pagina.wait_for_load_state("networkidle")

    assert "0 perfis novos, 2 alterados, 598 inalterados" in pagina.content()
    terceira = pagina.locator("#content table tr", has_text="P0003")
    assert terceira.locator("del").inner_text() == "1.003,00"  # prévia em pt-BR (issue 15, item 8)
    assert terceira.locator("ins").inner_text() == "3.333,33"
    _foto(pagina, "1-previa-600-linhas")

    pagina.locator("form input[name=confirm]").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_text(re.compile(r"Importação concluída")).is_visible()
    _foto(pagina, "2-concluida")
    alteradas = ValorPerfil.objects.filter(mapa=rascunho, codigo__in=["P0003", "P0550"]).order_by("codigo")
    assert [str(v.remuneracao) for v in alteradas] == ["3333.33", "5550.55"]
    assert ValorPerfil.objects.get(mapa=rascunho, codigo="P0551").remuneracao == 1551
