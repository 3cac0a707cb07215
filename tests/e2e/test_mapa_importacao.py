"""Navegador: o administrador importa uma planilha com uma linha ruim, corrige e vê o histórico."""

import re
from decimal import Decimal

import pytest

from contratos.models import MapaSalarial, ValorPerfil
from contratos.services import mapa_importar
from tests.conftest import SENHA
from tests.contratos import mapa_arquivos as arq

BASE = [
    ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"],
    ["GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17.851,64", "1,94"],
]


def _enviar(page, nome, conteudo):
    page.set_input_files(
        "input[name=import_file]", files=[{"name": nome, "mimeType": "text/csv", "buffer": conteudo}]
    )
    page.locator("form input[type=submit]").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_importacao_com_linha_ruim_depois_corrigida_e_historico(
    pagina, live_server, entrar, usuario_admin_ref
):
    rascunho = MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao="rascunho")
    mapa_importar(mapa=rascunho, nome_arquivo="base.csv", conteudo=arq.csv_bytes(BASE), confirmar=True)
    antes = list(ValorPerfil.objects.order_by("pk").values_list("codigo", "remuneracao", "fator_k"))
    historico_antes = ValorPerfil.history.count()

    entrar(pagina, "adminref", SENHA)
    pagina.goto(f"{live_server.url}/admin/contratos/valorperfil/import/?mapa={rascunho.pk}")
    assert pagina.locator("select[name=mapa]").input_value() == str(rascunho.pk)

    # 1) Uma linha ruim (Fator-K 3,50 na linha 3): nada muda.
    ruim = arq.csv_bytes([[*BASE[0][:3], "5.100,00", "2,12"], [*BASE[1][:4], "3,50"]])
    _enviar(pagina, "mapa-ruim.csv", ruim)
    erros = pagina.locator(".erros-planilha")
    assert "Linha 3, coluna “fator_k”: O Fator-K não pode ser superior a 3,00" in erros.inner_text()
    assert pagina.get_by_text("Nada foi importado").is_visible()
    assert list(ValorPerfil.objects.order_by("pk").values_list("codigo", "remuneracao", "fator_k")) == antes
    assert ValorPerfil.history.count() == historico_antes

    # 2) Arquivo corrigido: prévia, depois confirmação.
    bom = arq.csv_bytes([[*BASE[0][:3], "5.100,00", "2,12"], BASE[1]])
    _enviar(pagina, "mapa-corrigido.csv", bom)
    assert "0 perfis novos, 1 alterados, 1 inalterados" in pagina.content()
    assert ValorPerfil.objects.get(codigo="ASUPCOMP-02").remuneracao == Decimal("5075.52")  # prévia não grava
    pagina.locator("form input[name=confirm]").click()
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_text(re.compile(r"Importação concluída: 0 perfis novos, 1 alterados")).is_visible()
    alterado = ValorPerfil.objects.get(codigo="ASUPCOMP-02")
    assert alterado.remuneracao == Decimal("5100.00")

    # 3) O histórico mostra a mudança e quem a fez.
    pagina.goto(f"{live_server.url}/admin/contratos/valorperfil/{alterado.pk}/history/")
    tabela = pagina.locator("#change-history").inner_text()
    assert "adminref" in tabela
    assert "Importação do arquivo mapa-corrigido.csv" in tabela
    assert "5075.52" in tabela and "5100.00" in tabela
    assert pagina.externas == []
