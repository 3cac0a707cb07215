"""Exportador do Anexo A (DESIGN.md §4.5): estrutura da pasta lida com o openpyxl, sem banco."""

import tracemalloc
from datetime import date
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest

from contratos.anexo_a import (
    ABA_ANEXO,
    ABA_MAPA,
    ABA_MEMORIA,
    FORMATO_K,
    FORMATO_REAIS,
    CabecalhoAnexoA,
    PerfilMapa,
    gerar_anexo_a,
    nome_arquivo,
)
from contratos.estimativa import Item, LinhaPerfil, calcular_estimativa

ATO = "Portaria SGD/MGI nº 6.055/2025 (Anexo II da Portaria SGD/MGI nº 1.070/2023)"
# Linhas do mapa da Portaria SGD/MGI nº 6.055/2025 usadas nos exemplos.
_LINHAS_MAPA = (
    ("ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5075.52", "2.12"),
    ("ASUPCOMP-03", "Analista de suporte computacional", "Sênior", "7487.05", "2.03"),
    ("TECSUP-03", "Técnico de suporte ao usuário de tecnologia da informação", "Sênior", "3216.87", "2.28"),
    ("GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17851.64", "1.94"),
)
MAPA = {c: PerfilMapa(c, p, s, D(r), D(k)) for c, p, s, r, k in _LINHAS_MAPA}
INJECOES = ("=1+1", "+1+1", "-1+1", "@SUM(1,1)", '=HYPERLINK("http://exemplo.invalid","x")', "#N/A")


def linha(codigo, quantidade=1, k=None, justificativa="", os="OS nº 001/2026"):
    p = MAPA[codigo]
    return LinhaPerfil(
        ordem_servico=os,
        codigo=p.codigo,
        perfil=p.perfil,
        senioridade=p.senioridade,
        quantidade=quantidade,
        remuneracao=p.remuneracao,
        fator_k_mapa=p.fator_k,
        fator_k=D(k) if k else p.fator_k,
        justificativa=justificativa,
    )


def cabecalho(**extra):
    dados = {
        "orgao": "Órgão de Exemplo",
        "uasg": "999999",
        "processo": "19974.000001/2026-01",
        "objeto": "Serviços de operação de infraestrutura e atendimento a usuários de TIC",
        "mapa_ato": ATO,
        "mapa_vigencia": date(2025, 9, 1),
        "gerado_em": date(2026, 11, 22),
    }
    dados.update(extra)
    return CabecalhoAnexoA(**dados)


def exemplo_trabalhado(meses=12):
    """2 × ASUPCOMP-02 + 1 × GERINF (DESIGN.md §4.3): mensal 56.152,38; anual 673.828,56."""
    item = Item(numero=1, descricao="Suporte", linhas=(linha("ASUPCOMP-02", 2), linha("GERINF")))
    return calcular_estimativa([item], meses=meses)


def gerar(estimativa, **cab):
    return gerar_anexo_a(cabecalho=cabecalho(**cab), estimativa=estimativa, mapa=list(MAPA.values()))


def abrir(xlsx):
    return openpyxl.load_workbook(BytesIO(xlsx))


@pytest.fixture(scope="module")
def pasta_exemplo():
    return abrir(gerar(exemplo_trabalhado(meses=30)))


def test_abas_na_ordem(pasta_exemplo):
    assert pasta_exemplo.sheetnames == [ABA_ANEXO, ABA_MEMORIA, ABA_MAPA]


def test_linhas_tem_formulas_vivas_de_custo_e_valor_mensal(pasta_exemplo):
    ws = pasta_exemplo[ABA_ANEXO]
    assert ws["A8"].value == "Item 1 – Suporte"
    assert [c.value for c in ws[9]][:9] == [
        "OS nº 001/2026",
        "ASUPCOMP-02",
        "Analista de suporte computacional",
        "Pleno",
        2,
        5075.52,
        2.12,
        "=ROUND(F9*G9,2)",
        "=E9*H9",
    ]
    assert ws["H10"].value == "=ROUND(F10*G10,2)"
    assert ws["I10"].value == "=E10*H10"
    assert ws["I11"].value == "=SUM(I9:I10)"


def test_totais_sao_formulas_sobre_os_subtotais_e_meses_editavel(pasta_exemplo):
    ws = pasta_exemplo[ABA_ANEXO]
    assert ws["I2"].value == "=SUM(I11)"
    assert ws["I3"].value == "=I2*12"
    assert ws["I4"].value == 30 and ws["I4"].data_type == "n"
    assert ws["I5"].value == "=I2*I4"


def test_cabecalho_traz_orgao_processo_objeto_mapa_e_data(pasta_exemplo):
    ws = pasta_exemplo[ABA_ANEXO]
    cab = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 7)}
    assert cab["Órgão"] == "Órgão de Exemplo"
    assert cab["UASG"] == "999999"
    assert cab["Processo"] == "19974.000001/2026-01"
    assert cab["Objeto"].startswith("Serviços de operação")
    assert cab["Mapa salarial"] == f"{ATO}, vigente desde 01/09/2025"
    assert ws["I6"].value.date() == date(2026, 11, 22)
    assert ws["I6"].number_format == "DD/MM/YYYY"


def test_formatos_larguras_painel_congelado_e_impressao(pasta_exemplo):
    ws = pasta_exemplo[ABA_ANEXO]
    for coluna in "FHI":
        assert ws[f"{coluna}9"].number_format == FORMATO_REAIS
    assert ws["G9"].number_format == FORMATO_K
    assert ws["I2"].number_format == FORMATO_REAIS
    assert ws.column_dimensions["C"].width >= 40
    assert ws.freeze_panes == "A8"
    assert ws.print_title_rows == "$7:$7"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    props = pasta_exemplo.properties
    assert props.creator == "PlanejaTIC"
    assert "19974.000001/2026-01" in props.title
    assert props.created.date() == date(2026, 11, 22)


def test_quantidades_e_meses_editados_no_excel_sao_validados():
    itens = [
        Item(numero=1, descricao="A", linhas=(linha("GERINF"), linha("ASUPCOMP-02", 2))),
        Item(numero=2, descricao="Sem linhas", linhas=()),
        Item(numero=3, descricao="C", linhas=(linha("GERINF"),)),
    ]
    ws = abrir(gerar(calcular_estimativa(itens, meses=12)))[ABA_ANEXO]
    regras = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(regras) == {"I4", "E9:E10 E17"}
    for dv in regras.values():
        assert (dv.type, dv.operator, dv.formula1, dv.showErrorMessage) == (
            "whole",
            "greaterThanOrEqual",
            "1",
            True,
        )
    assert "ao menos 1 profissional" in regras["E9:E10 E17"].error
    assert ws.oddFooter.center.text == "Página &P de &N"


def test_memoria_de_calculo_traz_regras_e_cada_k_alterado_com_justificativa():
    item = Item(
        numero=1,
        descricao="Suporte",
        linhas=(
            linha("ASUPCOMP-02", 2),
            linha("ASUPCOMP-03", 1, k="2.10", justificativa="Encargos do acordo coletivo local"),
            linha("TECSUP-03", 1, k="2.50", justificativa="Adicional de sobreaviso", os="OS nº 002/2026"),
        ),
    )
    wb = abrir(gerar(calcular_estimativa([item], meses=12)))
    texto = "\n".join(
        str(v) for row in wb[ABA_MEMORIA].iter_rows(values_only=True) for v in row if v is not None
    )
    assert "Júnior – ao menos 1 ano; Pleno – ao menos 3 anos; Sênior – ao menos 5 anos" in texto
    assert "Ao menos 1 (um) profissional para cada perfil" in texto and "9.5.1.1 e 15.5" in texto
    assert "arredondado ao centavo" in texto and "nunca superior a 3,00" in texto
    linhas = [r for r in wb[ABA_MEMORIA].iter_rows(values_only=True) if r[0] == 1]
    assert [(r[1], r[2], r[4], r[5], r[6]) for r in linhas] == [
        ("OS nº 001/2026", "ASUPCOMP-03", 2.03, 2.10, "Encargos do acordo coletivo local"),
        ("OS nº 002/2026", "TECSUP-03", 2.28, 2.50, "Adicional de sobreaviso"),
    ]
    # A linha com K alterado aponta para a memória; a com K do mapa não.
    anexo = wb[ABA_ANEXO]
    assert anexo["J9"].value is None
    assert "2,03" in anexo["J10"].value and "2,28" in anexo["J11"].value


def test_memoria_sem_k_alterado_diz_isso(pasta_exemplo):
    textos = [r[0] for r in pasta_exemplo[ABA_MEMORIA].iter_rows(values_only=True)]
    assert any(t and t.startswith("Nenhum Fator-K diferente do mapa") for t in textos)


def test_aba_do_mapa_traz_a_versao_fixada(pasta_exemplo):
    ws = pasta_exemplo[ABA_MAPA]
    assert ws["A2"].value == ATO
    linhas = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert linhas["GERINF"][3:6] == (17851.64, 1.94, 34632.18)
    assert linhas["GERINF"][6] is None  # sem senioridade, sem experiência mínima
    assert linhas["ASUPCOMP-03"][6] == 5
    assert ws["D5"].number_format == FORMATO_REAIS


@pytest.mark.parametrize("texto", INJECOES)
def test_textos_do_usuario_sao_texto_e_nunca_formula(texto):
    item = Item(
        numero=1,
        descricao=texto,
        linhas=(linha("GERINF", k="2.00", justificativa=texto, os=texto),),
    )
    wb = abrir(gerar(calcular_estimativa([item], meses=12), orgao=texto, objeto=texto, processo=texto))
    anexo, memoria = wb[ABA_ANEXO], wb[ABA_MEMORIA]
    for celula in (anexo["B2"], anexo["B4"], anexo["B5"], anexo["A9"], memoria["B17"], memoria["G17"]):
        assert celula.value == texto, celula.coordinate
        assert celula.data_type == "s", celula.coordinate
    assert anexo["A8"].value == f"Item 1 – {texto}" and anexo["A8"].data_type == "s"


def test_caracteres_de_controle_sao_removidos_sem_erro():
    wb = abrir(gerar(exemplo_trabalhado(), objeto="Objeto\x00 com\x0b controle\x1f"))
    assert wb[ABA_ANEXO]["B5"].value == "Objeto com controle"


def test_item_sem_linhas_e_muitos_itens_mantem_totais_validos():
    vazio = calcular_estimativa([Item(numero=1, descricao="Vazio", linhas=())], meses=12)
    ws = abrir(gerar(vazio))[ABA_ANEXO]
    assert ws["I9"].value == "=0"
    assert ws["I2"].value == "=SUM(I9)"

    # Excel aceita até 255 argumentos por função: 450 subtotais vão em blocos aninhados.
    itens = [Item(numero=n, descricao=f"Item {n}", linhas=(linha("GERINF"),)) for n in range(1, 451)]
    ws = abrir(gerar(calcular_estimativa(itens, meses=12)))[ABA_ANEXO]
    total = ws["I2"].value
    referencias = total.replace("=SUM(", "").replace("SUM(", "").replace(")", "").split(",")
    subtotais = [f"I{r}" for r in range(10, 10 + 4 * 450, 4)]
    assert referencias == subtotais
    assert all(ws[ref].value.startswith("=SUM(I") for ref in (subtotais[0], subtotais[-1]))
    assert total.count("SUM(") == 1 + 3


def test_sem_itens_gera_pasta_com_total_zero():
    ws = abrir(gerar(calcular_estimativa([], meses=12)))[ABA_ANEXO]
    assert ws["I2"].value == "=0"


def test_nome_do_arquivo_traz_processo_e_data():
    assert (
        nome_arquivo("19974.002200/2024-01", date(2026, 11, 22))
        == "anexo-a_19974.002200-2024-01_2026-11-22.xlsx"
    )
    assert nome_arquivo(" ", date(2026, 1, 2)) == "anexo-a_sem-processo_2026-01-02.xlsx"
    assert nome_arquivo('../a b"c', date(2026, 1, 2)) == "anexo-a_a-b-c_2026-01-02.xlsx"


def _pico_do_exportador_mib(total_linhas: int) -> float:
    itens = [
        Item(
            numero=n,
            descricao=f"Item {n}",
            linhas=tuple(
                linha(codigo, k="2.5", justificativa="Memória anexa") if i % 10 == 0 else linha(codigo)
                for i, codigo in enumerate(list(MAPA) * 25)
            ),
        )
        for n in range(1, total_linhas // 100 + 1)
    ]
    estimativa = calcular_estimativa(itens, meses=12)
    tracemalloc.start()
    gerar_anexo_a(cabecalho=cabecalho(), estimativa=estimativa, mapa=list(MAPA.values()))
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pico / 2**20


def test_exportador_em_streaming_tem_memoria_constante():
    """Write-only: as linhas vão para o arquivo temporário da aba; 10 vezes mais linhas não multiplicam o pico
    (no modo normal: 1,7 MiB com 400 linhas, 14 MiB com 4.000)."""
    pequeno, grande = _pico_do_exportador_mib(400), _pico_do_exportador_mib(4000)
    assert grande < 10
    assert grande < pequeno + 2
