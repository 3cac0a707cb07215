"""Anexo A recalculado pelo LibreOffice headless: os valores das fórmulas batem com a estimativa ao centavo.

Uma só partida do LibreOffice para o módulo inteiro (cada partida custa alguns segundos).
"""

from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest

from contratos.anexo_a import ABA_ANEXO, ABA_MEMORIA
from contratos.estimativa import Item, LinhaPerfil, calcular_estimativa
from tests.contratos.test_anexo_a import INJECOES, abrir, exemplo_trabalhado, gerar, linha
from tests.planilhas import recalcular_varias

JUSTIFICATIVA = "Memória de cálculo: encargos do acordo coletivo local"


def meio_centavo(meses=30):
    """Linhas cujo salário × K adotado termina em 5 na terceira casa decimal."""
    hipotetico = LinhaPerfil(
        ordem_servico="OS nº 003/2026",
        codigo="HIPOT-01",
        perfil="Perfil hipotético",
        senioridade="Pleno",
        quantidade=3,
        remuneracao=D("1000.05"),
        fator_k_mapa=D("2.00"),
        fator_k=D("2.50"),  # 2.500,125 -> 2.500,13
        justificativa=JUSTIFICATIVA,
    )
    item = Item(
        numero=1,
        descricao="Meio centavo",
        linhas=(
            hipotetico,
            linha("TECSUP-03", 1, k="2.50", justificativa=JUSTIFICATIVA),  # 8.042,175 (float: 8042,17499...)
            linha("ASUPCOMP-03", 2, k="2.10", justificativa=JUSTIFICATIVA),  # 15.722,805
        ),
    )
    return calcular_estimativa([item], meses=meses)


def injecao():
    itens = [
        Item(numero=n, descricao=texto, linhas=(linha("GERINF", k="2.00", justificativa=texto, os=texto),))
        for n, texto in enumerate(INJECOES, start=1)
    ]
    return calcular_estimativa(itens, meses=12)


def exemplo_editado():
    """A equipe abre o Anexo A no Excel, muda a quantidade de ASUPCOMP-02 para 5 e os meses para 24."""
    wb = abrir(gerar(exemplo_trabalhado()))
    wb[ABA_ANEXO]["E9"] = 5
    wb[ABA_ANEXO]["I4"] = 24
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


def soma_sem_arredondar_por_linha():
    """Controle: a mesma conta arredondando só no fim dá 56.152,39; o LibreOffice tem de calcular isso."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([2, 5075.52, 2.12])
    ws.append([1, 17851.64, 1.94])
    ws["D1"] = "=ROUND(A1*B1*C1+A2*B2*C2,2)"
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


@pytest.fixture(scope="module")
def recalculadas():
    pastas = {
        "exemplo": gerar(exemplo_trabalhado()),
        "meio_centavo": gerar(meio_centavo()),
        "injecao": gerar(injecao(), orgao=INJECOES[0], processo=INJECOES[1], objeto=INJECOES[2]),
        "editado": exemplo_editado(),
        "controle": soma_sem_arredondar_por_linha(),
    }
    return dict(zip(pastas, recalcular_varias(list(pastas.values())), strict=True))


def reais(valor):
    assert isinstance(valor, int | float), f"esperava número calculado, veio {valor!r}"
    return D(repr(valor))


def totais(pasta):
    ws = pasta.valores[ABA_ANEXO]
    return reais(ws["I2"].value), reais(ws["I3"].value), reais(ws["I5"].value)


def test_libreoffice_recalcula_de_verdade(recalculadas):
    assert reais(recalculadas["controle"].valores.active["D1"].value) == D("56152.39")


def test_exemplo_trabalhado_recalculado_bate_com_a_estimativa(recalculadas):
    est = exemplo_trabalhado()
    assert (est.mensal, est.anual) == (D("56152.38"), D("673828.56"))
    assert totais(recalculadas["exemplo"]) == (D("56152.38"), D("673828.56"), D("673828.56"))
    ws = recalculadas["exemplo"].valores[ABA_ANEXO]
    assert [reais(ws[c].value) for c in ("H9", "I9", "H10", "I10", "I11")] == [
        D("10760.10"),
        D("21520.20"),
        D("34632.18"),
        D("34632.18"),
        D("56152.38"),
    ]


def test_meio_centavo_arredonda_para_cima_tambem_na_planilha(recalculadas):
    est = meio_centavo()
    ws = recalculadas["meio_centavo"].valores[ABA_ANEXO]
    calculado = [(reais(ws[f"H{r}"].value), reais(ws[f"I{r}"].value)) for r in (9, 10, 11)]
    assert calculado == [(lc.custo_por_profissional, lc.valor_mensal) for lc in est.itens[0].linhas]
    assert [c for c, _ in calculado] == [D("2500.13"), D("8042.18"), D("15722.81")]
    assert totais(recalculadas["meio_centavo"]) == (est.mensal, est.anual, est.periodo)


def test_quantidade_e_meses_editados_na_planilha_recalculam_os_totais(recalculadas):
    item = Item(numero=1, descricao="Suporte", linhas=(linha("ASUPCOMP-02", 5), linha("GERINF")))
    est = calcular_estimativa([item], meses=24)
    assert totais(recalculadas["editado"]) == (est.mensal, est.anual, est.periodo)


def test_textos_com_sinais_de_formula_continuam_texto_apos_recalculo(recalculadas):
    pasta = recalculadas["injecao"]
    anexo_valores, anexo_formulas = pasta.valores[ABA_ANEXO], pasta.formulas[ABA_ANEXO]
    assert anexo_valores["B2"].value == INJECOES[0]
    assert anexo_valores["B4"].value == INJECOES[1]
    assert anexo_valores["B5"].value == INJECOES[2]
    for n, texto in enumerate(INJECOES, start=1):
        titulo, os = f"A{4 * n + 4}", f"A{4 * n + 5}"
        assert anexo_valores[titulo].value == f"Item {n} – {texto}"
        assert anexo_valores[os].value == texto
        assert anexo_formulas[titulo].data_type == anexo_formulas[os].data_type == "s"
    justificativas = [
        r[6] for r in pasta.valores[ABA_MEMORIA].iter_rows(values_only=True) if r[0] in range(1, 99)
    ]
    assert justificativas == list(INJECOES)
    # Se algum texto tivesse virado fórmula, o total mudaria ou daria erro.
    est = injecao()
    assert totais(pasta) == (est.mensal, est.anual, est.periodo)
