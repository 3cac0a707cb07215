"""Navegador: quem acompanha o ACT baixa o relatório mensal, lê o código no rodapé e confere o arquivo em
"Verificar arquivo"; um arquivo editado depois (um byte) não confere (issue 17, item 3)."""

import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acordo import monitoramento, referencias
from core.grupos import ACOMPANHAMENTO
from tests.conftest import SENHA
from tests.e2e.comum import baixar, enviar_para_verificar, verificar_pela_pagina

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_representante_baixa_o_relatorio_do_act_e_o_verifica(
    pagina, live_server, entrar, criar_usuario, axe, tmp_path
):
    referencias.carregar(saida=io.StringIO())
    criar_usuario("representante", grupos=[ACOMPANHAMENTO], first_name="Rita", last_name="Representante")
    mes = monitoramento.somar_meses(timezone.localdate().replace(day=1), -1)
    agora = timezone.localtime()

    entrar(pagina, "representante", SENHA)
    pagina.goto(f"{live_server.url}/acordo/cronograma/")
    pagina.get_by_role("link", name="Monitoramento mensal").click()
    pagina.wait_for_load_state()
    arquivo = baixar(pagina, tmp_path, pagina.get_by_role("link", name="Baixar XLSX"))

    # o código, como uma pessoa o leria no rodapé da planilha impressa
    pasta = openpyxl.load_workbook(arquivo)
    rodape = pasta.worksheets[0].oddFooter.left.text
    codigo = pasta.properties.identifier
    assert f"código {codigo}" in rodape and f"{mes:%m/%Y}" in rodape
    assert f"{agora:%d/%m/%Y}" in rodape

    confere = verificar_pela_pagina(pagina, arquivo)
    expect(confere).to_contain_text("Relatório mensal de monitoramento do ACT (XLSX)")
    expect(confere).to_contain_text(codigo)
    expect(confere).to_contain_text("Rita Representante")
    expect(confere.get_by_role("link", name=f"relatório mensal de {mes:%m/%Y}")).to_be_visible()
    assert axe(pagina) == []

    # editado depois de gerado: não confere
    editado = tmp_path / "editado.xlsx"
    conteudo = bytearray(arquivo.read_bytes())
    conteudo[len(conteudo) // 2] ^= 0x01
    editado.write_bytes(bytes(conteudo))
    enviar_para_verificar(pagina, editado)
    expect(pagina.get_by_test_id("desconhecido")).to_contain_text("Arquivo desconhecido.")
    assert pagina.externas == []
