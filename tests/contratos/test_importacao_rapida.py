"""Importação grande do mapa sem trabalho que ninguém vê (issue 18, item 5): a mesma validação por linha,
a comparação “antes → depois” só nas linhas que a prévia mostra, XLSX lido sem percorrer a aba duas vezes."""

import io
from datetime import datetime
from unittest import mock

import import_export.resources
import openpyxl
import pytest
import tablib

from contratos.models import MapaSalarial, ValorPerfil
from contratos.resources import COLUNAS, ValorPerfilResource
from core import planilhas
from core.importacao import LINHAS_NA_PREVIA
from tests.consultas import consultas_exatas

LINHAS = LINHAS_NA_PREVIA + 100


@pytest.fixture
def rascunho(db):
    return MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao=MapaSalarial.Situacao.RASCUNHO)


def _tabela(troca: dict[int, str] | None = None) -> tablib.Dataset:
    tabela = tablib.Dataset(headers=list(COLUNAS))
    for i in range(1, LINHAS + 1):
        remuneracao = (troca or {}).get(i, f"{1000 + i},00")
        tabela.append([f"P{i:04d}", f"Perfil {i}", "Pleno", remuneracao, "2,00"])
    return tabela


def _importar(mapa, tabela, dry_run):
    """Importa e conta as cópias profundas de linhas (instâncias) que a biblioteca fez."""
    copiar = import_export.resources.deepcopy
    copias = []

    def contar(objeto, *args):
        copias.extend([objeto] if isinstance(objeto, ValorPerfil) else [])
        return copiar(objeto, *args)

    with mock.patch.object(import_export.resources, "deepcopy", contar):
        resultado = ValorPerfilResource(mapa=mapa).import_data(tabela, dry_run=dry_run)
    assert not resultado.has_errors() and not resultado.has_validation_errors()
    return resultado, len(copias)


def test_previa_grande_so_compara_as_linhas_que_mostra(rascunho):
    resultado, copias = _importar(rascunho, _tabela(), dry_run=True)

    assert resultado.totals["new"] == LINHAS
    assert copias == 0  # a biblioteca copiava todas as linhas
    linhas = resultado.valid_rows()
    assert all(linha.diff for linha in linhas[:LINHAS_NA_PREVIA])
    assert not any(linha.diff for linha in linhas[LINHAS_NA_PREVIA:])
    assert linhas[0].diff == ["P0001", "Perfil 1", "Pleno", "1.001,00", "2,00"]  # números em pt-BR (issue 15)
    assert ValorPerfil.objects.count() == 0  # prévia: nada fica


def test_linha_ruim_depois_das_mostradas_ainda_recusa_com_linha_e_coluna(rascunho):
    tabela = _tabela(troca={LINHAS: "muito"})

    resultado = ValorPerfilResource(mapa=rascunho).import_data(tabela, dry_run=True)

    assert resultado.has_validation_errors()
    [invalida] = resultado.invalid_rows
    assert invalida.number == LINHAS
    assert "remuneracao" in invalida.field_specific_errors


def test_reimportar_pula_inalteradas_tambem_depois_das_linhas_mostradas(rascunho):
    _, copias = _importar(rascunho, _tabela(), dry_run=False)
    assert copias == 0
    assert ValorPerfil.objects.filter(mapa=rascunho).count() == LINHAS

    mudada = LINHAS_NA_PREVIA + 50
    for dry_run in (True, False):
        resultado, _ = _importar(rascunho, _tabela(troca={mudada: "9.999,99"}), dry_run=dry_run)
        assert (resultado.totals["skip"], resultado.totals["update"]) == (LINHAS - 1, 1)

    assert str(ValorPerfil.objects.get(mapa=rascunho, codigo=f"P{mudada:04d}").remuneracao) == "9999.99"


def test_previa_sobre_versao_cheia_consulta_as_linhas_uma_vez(rascunho):
    _importar(rascunho, _tabela(), dry_run=False)

    # 9 comandos de transação (savepoints da biblioteca) e UMA consulta: as linhas da versão, de uma vez
    with consultas_exatas(10) as consultas:
        resultado, _ = _importar(rascunho, _tabela(), dry_run=True)
    assert resultado.totals["skip"] == LINHAS
    [select] = [q["sql"] for q in consultas.captured_queries if q["sql"].startswith("SELECT")]
    assert " IN (" not in select  # não manda os 600 códigos de volta ao banco


def _pasta_variada(write_only: bool) -> bytes:
    livro = openpyxl.Workbook(write_only=write_only)
    aba = livro.create_sheet("Mapa") if write_only else livro.active
    aba.append(["codigo", "perfil", "senioridade", "remuneracao", "fator_k"])
    aba.append(["A-1", "Analista", "Pleno", 5075.52, 2])
    aba.append(["B-2", None, "", "5.075,52", True])
    aba.append([])  # linha vazia no meio fica
    aba.append(["C-3", "Data", datetime(2025, 9, 1), 10])  # linha mais curta
    aba.append(["D-4", "Larga", "Sênior", 1, 2, "extra", "mais"])
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


@pytest.mark.parametrize("write_only", [False, True], ids=["com-dimensao", "sem-dimensao"])
def test_xlsx_le_os_mesmos_valores_que_o_openpyxl(write_only):
    conteudo = _pasta_variada(write_only)
    referencia = openpyxl.load_workbook(io.BytesIO(conteudo), read_only=True, data_only=True)
    linhas = [list(linha) for linha in referencia.worksheets[0].iter_rows(values_only=True)]
    referencia.close()
    largura = len(linhas[0])  # como ler_tabela: a largura é a do cabeçalho (com dimensão, a da aba)
    esperado = [[str(v).lower() if v else "" for v in linhas[0]]]
    for linha in linhas[1:]:
        linha = [v.strip() if isinstance(v, str) else v for v in linha[:largura]]
        esperado.append(linha + [None] * (largura - len(linha)))

    tabela = planilhas.ler_tabela("mapa.xlsx", conteudo)

    assert [list(tabela.headers), *(list(linha) for linha in tabela)] == esperado
    assert tabela[3][2] == datetime(2025, 9, 1) and tabela[1][4] is True


def test_xlsx_sem_dimensao_nao_percorre_a_aba_so_para_medir():
    conteudo = _pasta_variada(write_only=True)
    medir = "openpyxl.worksheet._reader.WorkSheetParser.parse_dimensions"
    with mock.patch(medir, side_effect=AssertionError("percorreu a aba para medir")):
        tabela = planilhas.ler_tabela("mapa.xlsx", conteudo)
    assert tabela[0][0] == "A-1"


def test_previa_mostra_antes_e_depois_da_linha_alterada(rascunho):
    _importar(rascunho, _tabela(), dry_run=False)

    resultado, copias = _importar(rascunho, _tabela(troca={10: "2.000,00"}), dry_run=True)

    assert copias == 0
    linha = resultado.valid_rows()[9]
    assert linha.import_type == "update"
    assert linha.diff[3] == "<del>1.010,00</del> <ins>2.000,00</ins>"
    assert resultado.valid_rows()[8].diff[3] == "1.009,00"  # inalterada: só o valor
