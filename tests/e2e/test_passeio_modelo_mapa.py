"""Navegador: o administrador baixa o modelo em branco do mapa na tela de importação, preenche-o (como no
Excel), envia, lê a prévia em pt-BR e confirma; depois baixa a versão e a reimporta sem mudança nenhuma
(issue 15, item 8)."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from contratos.models import MapaSalarial, ValorPerfil
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _enviar(pagina, caminho):
    pagina.set_input_files("input[name=import_file]", str(caminho))
    pagina.locator("form input[type=submit]").click()
    pagina.wait_for_load_state("networkidle")


def test_baixar_modelo_preencher_importar_e_reimportar(
    pagina, live_server, entrar, usuario_admin_ref, tmp_path
):
    rascunho = MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao="rascunho")
    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/admin/contratos/valorperfil/import/?mapa={rascunho.pk}")

    with pagina.expect_download() as baixado:
        pagina.get_by_test_id("modelo-xlsx").click()
    modelo = tmp_path / baixado.value.suggested_filename
    baixado.value.save_as(modelo)
    assert modelo.name == "modelo-mapa-salarial.xlsx"
    livro = openpyxl.load_workbook(modelo)
    aba = livro.active
    assert [c.value for c in aba[1]] == ["Código", "Perfil", "Senioridade", "Remuneração (R$)", "Fator-K"]
    aba.append(["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", 5075.52, 2.12])
    aba.append(["GERINF", "Gerente de infraestrutura de tecnologia da informação", None, "17.851,64", "1,94"])
    aba.append(["TECSUP-01", "Técnico de suporte", "Júnior", "mil e oitocentos", 2.65])
    livro.save(modelo)

    # Número em formato errado: a mensagem diz a linha e a coluna como o arquivo a escreveu; nada é gravado.
    _enviar(pagina, modelo)
    erros = pagina.locator(".erros-planilha")
    expect(erros).to_contain_text("Linha 4, coluna “Remuneração (R$)”")
    assert not ValorPerfil.objects.filter(mapa=rascunho).exists()

    aba["D4"] = 1800
    livro.save(modelo)
    _enviar(pagina, modelo)
    expect(pagina.get_by_test_id("resumo-previa")).to_contain_text(
        "3 perfis novos, 0 alterados, 0 inalterados"
    )
    previa = pagina.locator("table.import-preview")
    expect(previa.locator("thead")).to_contain_text("Remuneração (R$)")
    expect(previa).to_contain_text("17.851,64")
    expect(previa).to_contain_text("1.800,00")
    assert "Se você esta satisfeito" not in pagina.content()
    pagina.get_by_role("button", name="Confirmar importação").click()
    expect(pagina.get_by_text(re.compile(r"Importação concluída: 3 perfis novos"))).to_be_visible()
    assert ValorPerfil.objects.get(mapa=rascunho, codigo="GERINF").remuneracao == Decimal("17851.64")

    # A versão exportada pela página do mapa, reimportada sem mudança: zero alterações.
    pagina.goto(f"{live_server.url}/contratos/mapa-salarial/?versao={rascunho.pk}")
    with pagina.expect_download() as baixado:
        pagina.get_by_role("link", name="Baixar XLSX").click()
    exportado = tmp_path / "exportado.xlsx"
    baixado.value.save_as(exportado)
    assert openpyxl.load_workbook(io.BytesIO(exportado.read_bytes())).active.title == "Mapa salarial"
    pagina.goto(f"{live_server.url}/admin/contratos/valorperfil/import/?mapa={rascunho.pk}")
    _enviar(pagina, exportado)
    expect(pagina.get_by_test_id("resumo-previa")).to_contain_text(
        "0 perfis novos, 0 alterados, 3 inalterados"
    )
    assert pagina.externas == []
