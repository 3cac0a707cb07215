"""Navegador: o Administrador de referências importa uma planilha com uma linha ruim (nada é gravado e a
mensagem nomeia linha e coluna), corrige, confirma a prévia e vê a importação no histórico."""

from datetime import date

import pytest

from catalogo.models import ServicoNuvem, VersaoCatalogo
from tests.conftest import SENHA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


CABECALHO = "codigo,nome,categoria,unidade_medida,preco_unitario,nivel_indicador,nivel_meta,nivel_medicao"


def _planilha(tmp_path, nome, preco):
    caminho = tmp_path / nome
    caminho.write_text(
        f'{CABECALHO}\nCMP-A,VM pequena,Computação,instância/hora,"0,0934",Disponibilidade,99%,monitor\n'
        f"ARM-B,Disco SSD,armazenamento,GB/mês,{preco},Durabilidade,99%,checksum\n",
        encoding="utf-8",
    )
    return caminho


def test_importacao_com_erro_correcao_e_historico(pagina, live_server, entrar, usuario_admin_ref, tmp_path):
    VersaoCatalogo.objects.create(tipo="nuvem", versao="2026.1", vigencia_inicio=date(2026, 1, 1))
    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/admin/catalogo/serviconuvem/import/")
    pagina.locator("#id_versao").select_option(index=1)
    pagina.locator("#id_import_file").set_input_files(str(_planilha(tmp_path, "servicos.csv", "-0.1180")))
    pagina.locator("input[type=submit], button[type=submit]").last.click()
    pagina.wait_for_load_state("networkidle")
    assert "Linha 3, coluna “preco_unitario”: O preço unitário deve ser maior que zero." in pagina.content()
    assert ServicoNuvem.objects.count() == 0

    pagina.locator("#id_versao").select_option(index=1)
    pagina.locator("#id_import_file").set_input_files(str(_planilha(tmp_path, "servicos.csv", "0.1180")))
    pagina.locator("input[type=submit], button[type=submit]").last.click()
    pagina.wait_for_load_state("networkidle")
    assert ServicoNuvem.objects.count() == 0  # prévia
    pagina.get_by_role("button", name="Confirmar importação").click()
    pagina.wait_for_load_state("networkidle")
    assert "Importação concluída: 2 serviços novos" in pagina.content()
    assert ServicoNuvem.objects.count() == 2

    servico = ServicoNuvem.objects.get(codigo="CMP-A")
    pagina.goto(f"{live_server.url}/admin/catalogo/serviconuvem/{servico.pk}/history/")
    assert "Importação do arquivo servicos.csv" in pagina.content()
    assert pagina.externas == []
