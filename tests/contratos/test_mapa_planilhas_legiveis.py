"""Planilhas do mapa feitas para pessoas (issue 15, item 8): cabeçalhos em português, formatos R$ e K, modelo
em branco, prévia com números pt-BR e só as mudanças reais; exportar e reimportar não muda nada."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contratos.models import ValorPerfil
from contratos.services import mapa_nova_versao
from core.colunas import FORMATO_K, FORMATO_REAIS

CABECALHO = ["Código", "Perfil", "Senioridade", "Remuneração (R$)", "Fator-K"]
URL_IMPORTAR = reverse("admin:contratos_valorperfil_import")


@pytest.fixture
def rascunho(semente):
    return mapa_nova_versao(origem=semente)


def _baixar(cliente, semente, formato) -> bytes:
    r = cliente.get(reverse("contratos:mapa_exportar", args=[semente.pk, formato]))
    assert r.status_code == 200
    return r.content


def _previa(cliente, rascunho, conteudo: bytes, nome: str):
    arquivo = SimpleUploadedFile(nome, conteudo, "text/csv" if nome.endswith(".csv") else "")
    return cliente.post(URL_IMPORTAR, {"resource": "0", "mapa": rascunho.pk, "import_file": arquivo})


def _com_salario(conteudo: bytes, codigo: str, valor) -> bytes:
    livro = openpyxl.load_workbook(io.BytesIO(conteudo))
    aba = livro.active
    linha = next(r for r in aba.iter_rows(min_row=2) if r[0].value == codigo)
    linha[3].value = valor
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


def test_xlsx_exportado_tem_aba_cabecalhos_formatos_e_larguras(semente, client_consulta):
    aba = openpyxl.load_workbook(io.BytesIO(_baixar(client_consulta, semente, "xlsx"))).active
    assert aba.title == "Mapa salarial"
    assert [c.value for c in aba[1]] == CABECALHO
    asup = next(r for r in aba.iter_rows(min_row=2) if r[0].value == "ASUPCOMP-02")
    assert (asup[3].number_format, asup[4].number_format) == (FORMATO_REAIS, FORMATO_K)
    assert aba.freeze_panes == "A2"
    # o perfil mais longo e "R$ 17.851,64" cabem na largura da coluna
    assert aba.column_dimensions["B"].width >= max(len(r[1].value) for r in aba.iter_rows(min_row=2))
    assert aba.column_dimensions["D"].width >= len("Remuneração (R$)") + 2


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_exportacao_reimportada_sem_mudanca_relata_zero(semente, rascunho, client_admin_ref, formato):
    conteudo = _baixar(client_admin_ref, semente, formato)
    html = _previa(client_admin_ref, rascunho, conteudo, f"mapa.{formato}").content.decode()
    assert "0 perfis novos, 0 alterados, 35 inalterados" in html
    assert "Se você esta satisfeito" not in html and "Não usados" not in html
    assert ">Alterado<" not in html


def test_exportacao_com_um_salario_mudado_relata_exatamente_um(semente, rascunho, client_admin_ref):
    conteudo = _com_salario(_baixar(client_admin_ref, semente, "xlsx"), "TECSUP-01", 1850)
    r = _previa(client_admin_ref, rascunho, conteudo, "mapa.xlsx")
    html = r.content.decode()
    assert "0 perfis novos, 1 alterados, 34 inalterados" in html
    assert html.count(">Alterado<") == 1
    # prévia em pt-BR: o valor de antes riscado e o novo, nunca 1800.00
    assert "<del>1.800,00</del> <ins>1.850,00</ins>" in html and "1800.00" not in html
    assert "<th>Remuneração (R$)</th>" in html
    assert rascunho.valores.get(codigo="TECSUP-01").remuneracao == 1800  # a prévia não grava

    confirmar = r.context["confirm_form"]
    r = client_admin_ref.post(reverse("admin:contratos_valorperfil_process_import"), dict(confirmar.initial))
    assert r.status_code == 302
    assert rascunho.valores.get(codigo="TECSUP-01").remuneracao == 1850
    assert ValorPerfil.history.filter(mapa_id=rascunho.pk, history_type="~").count() == 1


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_modelo_em_branco_so_com_o_cabecalho(client_consulta, formato):
    r = client_consulta.get(reverse("contratos:mapa_modelo", args=[formato]))
    assert r.status_code == 200
    assert r["Content-Disposition"] == f'attachment; filename="modelo-mapa-salarial.{formato}"'
    if formato == "csv":
        assert r.content.decode().splitlines() == [",".join(CABECALHO)]
        return
    aba = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert aba.title == "Mapa salarial" and [c.value for c in aba[1]] == CABECALHO and aba.max_row == 1
    assert client_consulta.get("/contratos/mapa-salarial/modelo.exe").status_code == 404


def test_modelo_preenchido_e_importado(client_admin_ref, rascunho):
    livro = openpyxl.load_workbook(
        io.BytesIO(client_admin_ref.get(reverse("contratos:mapa_modelo", args=["xlsx"])).content)
    )
    livro.active.append(["NOVO-01", "Perfil novo", "Júnior", 3210.5, 2.5])
    saida = io.BytesIO()
    livro.save(saida)
    ValorPerfil.objects.filter(mapa=rascunho).delete()
    html = _previa(client_admin_ref, rascunho, saida.getvalue(), "modelo.xlsx").content.decode()
    assert "1 perfis novos, 0 alterados, 0 inalterados" in html
    assert "3.210,50" in html and "2,50" in html


def test_coluna_faltando_nomeada_em_portugues_e_nada_gravado(client_admin_ref, rascunho):
    livro = openpyxl.Workbook()
    livro.active.append(CABECALHO[:4])
    livro.active.append(["ASUPCOMP-02", "Analista", "Pleno", 5075.52])
    saida = io.BytesIO()
    livro.save(saida)
    antes = list(rascunho.valores.values_list("codigo", "remuneracao", "fator_k"))
    html = _previa(client_admin_ref, rascunho, saida.getvalue(), "mapa.xlsx").content.decode()
    assert "Faltam colunas: Fator-K. A primeira linha deve ter: Código, Perfil, Senioridade" in html
    assert list(rascunho.valores.values_list("codigo", "remuneracao", "fator_k")) == antes


def test_numero_em_formato_errado_cita_linha_e_coluna_como_no_arquivo(semente, rascunho, client_admin_ref):
    conteudo = _com_salario(_baixar(client_admin_ref, semente, "xlsx"), "GERINF", "dezessete mil")
    r = _previa(client_admin_ref, rascunho, conteudo, "mapa.xlsx")
    html = r.content.decode()
    linha = 1 + next(i for i, v in enumerate(semente.valores.order_by("pk")) if v.codigo == "GERINF") + 1
    assert f"Linha {linha}, coluna “Remuneração (R$)”" in html and "dezessete mil" in html
    assert r.context.get("confirm_form") is None
    assert (
        rascunho.valores.get(codigo="GERINF").remuneracao == semente.valores.get(codigo="GERINF").remuneracao
    )


def test_tela_de_importacao_lista_os_campos_em_portugues(client_admin_ref):
    html = client_admin_ref.get(URL_IMPORTAR).content.decode()
    assert "Código, Perfil, Senioridade, Remuneração (R$), Fator-K" in html
    assert 'href="/contratos/mapa-salarial/modelo.xlsx"' in html
