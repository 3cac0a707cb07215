"""Guardas genéricas de planilha (core/planilhas.py): o que é recusado e com que mensagem."""

import pytest

from core.planilhas import TAMANHO_MAXIMO, ErroPlanilha, ler_tabela
from tests.contratos import mapa_arquivos as arq

LINHA = ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"]


def test_csv_virgula_e_ponto_e_virgula_com_numeros_brasileiros():
    for sep in (",", ";"):
        tabela = ler_tabela("mapa.csv", arq.csv_bytes([LINHA], separador=sep))
        assert tabela.headers == arq.CABECALHO
        assert tabela[0][3] == "5.075,52"


def test_csv_em_windows_1252_e_lido():
    conteudo = "codigo,perfil\nX-01,Técnico\n".encode("cp1252")
    assert ler_tabela("mapa.csv", conteudo)[0][1] == "Técnico"


def test_xlsx_le_primeira_aba_e_descarta_linhas_vazias_no_fim():
    tabela = ler_tabela("mapa.xlsx", arq.xlsx_bytes([LINHA, [None] * 5]))
    assert len(tabela) == 1
    assert tabela[0][0] == "ASUPCOMP-02"


@pytest.mark.parametrize(
    ("nome", "tipo"),
    [
        ("mapa.xlsm", ""),
        ("mapa.XLSM", ""),
        ("mapa.xlsx", "application/vnd.ms-excel.sheet.macroEnabled.12"),
    ],
)
def test_xlsm_recusado_pelo_nome_ou_pelo_tipo(nome, tipo):
    with pytest.raises(ErroPlanilha, match="macros"):
        ler_tabela(nome, arq.xlsx_bytes([LINHA]), tipo)


def test_xlsm_renomeado_para_xlsx_recusado_pelo_conteudo():
    with pytest.raises(ErroPlanilha, match="macros"):
        ler_tabela("mapa.xlsx", arq.xlsm_disfarcado([LINHA]))


@pytest.mark.parametrize("nome", ["mapa.ods", "mapa.xls", "mapa.txt", "mapa"])
def test_outras_extensoes_recusadas(nome):
    with pytest.raises(ErroPlanilha, match=r"Envie um arquivo \.csv ou \.xlsx"):
        ler_tabela(nome, b"codigo\nX\n")


def test_arquivo_acima_de_10_mib_recusado():
    grande = arq.csv_bytes([LINHA]) + b"#" * TAMANHO_MAXIMO
    with pytest.raises(ErroPlanilha, match="limite é 10 MiB"):
        ler_tabela("mapa.csv", grande)


def test_bomba_zip_recusada_antes_do_openpyxl(monkeypatch):
    bomba = arq.xlsx_bomba()
    assert len(bomba) < 200 * 1024  # pequeno no disco

    def nao_abra(*a, **k):
        raise AssertionError("o openpyxl não deveria abrir uma bomba zip")

    monkeypatch.setattr("openpyxl.load_workbook", nao_abra)
    with pytest.raises(ErroPlanilha, match="bomba zip"):
        ler_tabela("mapa.xlsx", bomba)


def test_xml_com_entidades_recusado():
    with pytest.raises(ErroPlanilha, match="DOCTYPE ou ENTITY"):
        ler_tabela("mapa.xlsx", arq.xlsx_com_entidades([LINHA]))


def test_formula_sem_valor_calculado_indica_linha_e_coluna():
    conteudo = arq.xlsx_bytes([LINHA, ["ABD-01", "Administrador", "Júnior", "=B2*2", "2,14"]])
    with pytest.raises(ErroPlanilha) as exc:
        ler_tabela("mapa.xlsx", conteudo)
    assert [str(p) for p in exc.value.problemas] == [
        "Linha 3, coluna “remuneracao”: a célula tem a fórmula =B2*2 sem valor calculado; abra e salve a "
        "planilha no Excel ou LibreOffice, ou cole os valores no lugar da fórmula."
    ]


def test_arquivo_que_nao_e_xlsx_recusado():
    with pytest.raises(ErroPlanilha, match="não é uma planilha .xlsx válida"):
        ler_tabela("mapa.xlsx", b"codigo,perfil\n")
