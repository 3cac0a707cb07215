"""Planilhas do catálogo feitas para pessoas (issue 15, item 8): cabeçalhos em português, formato R$,
modelo em branco; exportar e reimportar relata só as mudanças reais (antes, todas eram "Atualizar")."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogo import services
from core.colunas import FORMATO_REAIS, FORMATO_REAIS_4

URL_IMPORTAR = {
    "nuvem": reverse("admin:catalogo_serviconuvem_import"),
    "profissionais": reverse("admin:catalogo_servicoprofissional_import"),
}


def _baixar(cliente, versao) -> bytes:
    r = cliente.get(reverse("catalogo:exportar", args=[versao.pk, "xlsx"]))
    assert r.status_code == 200
    return r.content


def _previa(cliente, versao, conteudo: bytes):
    arquivo = SimpleUploadedFile("catalogo.xlsx", conteudo, "")
    return cliente.post(URL_IMPORTAR[versao.tipo], {"versao": versao.pk, "import_file": arquivo})


def _rascunho_de(origem):
    return services.versao_copiar(origem=origem, versao="2099.1", vigencia_inicio=date(2099, 1, 1))


def _trocar(conteudo: bytes, codigo: str, coluna: int, valor) -> bytes:
    livro = openpyxl.load_workbook(io.BytesIO(conteudo))
    linha = next(r for r in livro.active.iter_rows(min_row=2) if r[0].value == codigo)
    linha[coluna].value = valor
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


def test_xlsx_do_catalogo_com_aba_cabecalhos_e_formatos(client_consulta, catalogo_exemplo):
    aba = openpyxl.load_workbook(io.BytesIO(_baixar(client_consulta, catalogo_exemplo["nuvem"]))).active
    assert aba.title == "Serviços de nuvem"
    assert [c.value for c in aba[1]][:5] == [
        "Código",
        "Nome",
        "Categoria",
        "Unidade de medida",
        "Preço unitário (R$)",
    ]
    assert {r[4].number_format for r in aba.iter_rows(min_row=2)} == {FORMATO_REAIS_4}
    prof = openpyxl.load_workbook(
        io.BytesIO(_baixar(client_consulta, catalogo_exemplo["profissionais"]))
    ).active
    assert prof.title == "Serviços profissionais" and prof["D2"].number_format == FORMATO_REAIS


@pytest.mark.parametrize("tipo", ["nuvem", "profissionais"])
def test_exportacao_reimportada_sem_mudanca_relata_zero(client_admin_ref, catalogo_exemplo, tipo):
    origem = catalogo_exemplo[tipo]
    rascunho = _rascunho_de(origem)
    html = _previa(client_admin_ref, rascunho, _baixar(client_admin_ref, origem)).content.decode()
    n = (origem.servicos_nuvem if tipo == "nuvem" else origem.servicos_profissionais).count()
    assert f"0 serviços novos, 0 alterados, {n} inalterados" in html
    assert ">Alterado<" not in html and "Se você esta satisfeito" not in html


def test_exportacao_com_um_preco_mudado_relata_exatamente_um(client_admin_ref, catalogo_exemplo):
    origem = catalogo_exemplo["nuvem"]
    rascunho = _rascunho_de(origem)
    n = origem.servicos_nuvem.count()
    conteudo = _trocar(_baixar(client_admin_ref, origem), "CMP-VCPU", 4, 0.05)
    r = _previa(client_admin_ref, rascunho, conteudo)
    html = r.content.decode()
    assert f"0 serviços novos, 1 alterados, {n - 1} inalterados" in html
    assert html.count(">Alterado<") == 1
    # números da prévia em pt-BR: a linha inalterada e o trecho que mudou na alterada
    assert "<span>0,3736</span>" in html and "0.3736" not in html
    assert "<span>0,0</span><del" in html and ">412</del><ins" in html

    confirmar = r.context["confirm_form"]
    r = client_admin_ref.post(reverse("admin:catalogo_serviconuvem_process_import"), dict(confirmar.initial))
    assert r.status_code == 302
    assert rascunho.servicos_nuvem.get(codigo="CMP-VCPU").preco_unitario == Decimal("0.0500")


def test_nivel_de_servico_mudado_conta_como_alteracao(client_admin_ref, catalogo_exemplo):
    origem = catalogo_exemplo["nuvem"]
    rascunho = _rascunho_de(origem)
    cabecalho = [
        c.value for c in openpyxl.load_workbook(io.BytesIO(_baixar(client_admin_ref, origem))).active[1]
    ]
    coluna = cabecalho.index("Nível de serviço: meta")
    conteudo = _trocar(_baixar(client_admin_ref, origem), "CMP-VCPU", coluna, "50%")
    html = _previa(client_admin_ref, rascunho, conteudo).content.decode()
    assert "0 serviços novos, 1 alterados" in html


def test_modelo_em_branco_do_catalogo(client_consulta):
    r = client_consulta.get(reverse("catalogo:modelo", args=["profissionais", "xlsx"]))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="modelo-catalogo-profissionais.xlsx"'
    aba = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in aba[1]][:4] == ["Código", "Nome", "Unidade", "Preço (R$)"] and aba.max_row == 1
    assert client_consulta.get(reverse("catalogo:modelo", args=["outro", "xlsx"])).status_code == 404
    assert client_consulta.get(reverse("catalogo:modelo", args=["nuvem", "exe"])).status_code == 404


def test_coluna_faltando_e_numero_errado_no_catalogo(client_admin_ref, catalogo_exemplo):
    origem = catalogo_exemplo["profissionais"]
    rascunho = _rascunho_de(origem)
    antes = list(rascunho.servicos_profissionais.values_list("codigo", "preco"))
    livro = openpyxl.Workbook()
    livro.active.append(["Código", "Nome", "Unidade"])
    livro.active.append(["SP-X", "Novo", "Hora"])
    saida = io.BytesIO()
    livro.save(saida)
    r = _previa(client_admin_ref, rascunho, saida.getvalue())
    assert "Faltam colunas: Preço (R$). A primeira linha deve ter: Código, Nome, Unidade, Preço (R$)" in (
        r.content.decode() + " ".join(str(m) for m in r.context["messages"])
    )
    conteudo = _trocar(_baixar(client_admin_ref, origem), "SP-SUST", 3, "dezoito mil")
    r = _previa(client_admin_ref, rascunho, conteudo)
    mensagens = " ".join(str(m) for m in r.context["messages"])
    assert "coluna “Preço (R$)”: “dezoito mil” não é um número" in mensagens
    assert list(rascunho.servicos_profissionais.values_list("codigo", "preco")) == antes


def test_tela_de_importacao_do_catalogo_com_campos_em_portugues_e_modelo(client_admin_ref):
    html = client_admin_ref.get(URL_IMPORTAR["profissionais"]).content.decode()
    assert "Código, Nome, Unidade, Preço (R$)" in html
    assert 'href="/catalogo/modelo-profissionais.xlsx"' in html
