"""Navegador (issue 10, defeito 1): o Fator-K segue o perfil escolhido com o mouse e com o teclado, um K
digitado fica, o total ao vivo inclui toda linha e a linha que não entra no total diz por quê."""

import io
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from contratos import referencias
from contratos.estimativa import formatar_reais
from contratos.models import Contratacao, LinhaPerfil, MapaSalarial
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Mapa 6.055/2025 (contratos/dados/mapa-6055-2025.csv): remuneração e Fator-K de cada perfil usado aqui.
MAPA = {
    "ASUPCOMP-02": (D("5075.52"), D("2.12")),
    "DESTEC-01": (D("5343.12"), D("2.10")),
    "DESTEC-02": (D("11000.00"), D("1.98")),
    "DESTEC-03": (D("15025.93"), D("1.95")),
    "GERINF": (D("17851.64"), D("1.94")),
    "TECSUP-03": (D("3216.87"), D("2.28")),
}


def custo(codigo, k=None):
    remuneracao, k_mapa = MAPA[codigo]
    return (remuneracao * (k or k_mapa)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


# A outra OS da contratação (Item 2): 1 × TECSUP-03, que entra no total da contratação, não no da OS.
OUTRA_OS = custo("TECSUP-03")
GERINF = custo("GERINF")  # segunda linha da OS editada: 1 × GERINF


@pytest.fixture
def ordem(usuario_equipe, orgao):
    referencias.carregar(saida=io.StringIO())  # o mapa real, pela mesma importação do `make run`
    mapa = MapaSalarial.objects.get(nome_ato=referencias.ATO)
    assert {v.codigo: (v.remuneracao, v.fator_k) for v in mapa.valores.filter(codigo__in=MAPA)} == MAPA
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Sustentação de sistemas", numero_processo="19974.000010/2026-10", mapa=mapa
    )
    ordem = adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    adicionar_os(contratacao, [("TECSUP-03", 1, None, "")], item_numero=2, numero="OS nº 002/2026")
    return ordem


@pytest.fixture
def tela(pagina, live_server, entrar, ordem):
    entrar(pagina, "equipe", SENHA)
    pagina.goto(f"{live_server.url}/contratos/os/{ordem.pk}/")
    expect(pagina.get_by_test_id("total-os")).to_have_text(formatar_reais(2 * custo("ASUPCOMP-02") + GERINF))
    pagina.pk = {v.codigo: str(v.pk) for v in ordem.contratacao.mapa.valores.all()}
    return pagina


def conferir_totais(pagina, os_mensal):
    expect(pagina.get_by_test_id("total-os")).to_have_text(formatar_reais(os_mensal))
    expect(pagina.get_by_test_id("total-item")).to_have_text(formatar_reais(os_mensal))
    expect(pagina.get_by_test_id("total-mensal")).to_have_text(formatar_reais(os_mensal + OUTRA_OS))
    expect(pagina.get_by_test_id("total-anual")).to_have_text(formatar_reais(12 * (os_mensal + OUTRA_OS)))


def test_mouse_troca_o_perfil_e_o_k_segue_o_mapa(tela):
    perfil = tela.locator('select[name="linhas-0-perfil"]')
    campo_k = tela.locator('input[name="linhas-0-fator_k"]')
    justificativa = tela.locator('textarea[name="linhas-0-justificativa"]')
    expect(campo_k).to_have_value("2,12")

    perfil.click()
    perfil.select_option(tela.pk["DESTEC-01"])
    expect(campo_k).to_have_value("2,10")
    expect(justificativa).to_be_hidden()
    # 5.343,12 × 2,10 = 11.220,552 → 11.220,55; × 2 = 22.441,10; + GERINF 34.632,18
    conferir_totais(tela, D("57073.28"))
    assert 2 * custo("DESTEC-01") + GERINF == D("57073.28")

    perfil.select_option("")  # passou por "Escolha o perfil": o K do mapa anterior ainda é do mapa
    perfil.select_option(tela.pk["DESTEC-03"])
    expect(campo_k).to_have_value("1,95")
    expect(justificativa).to_be_hidden()
    # 15.025,93 × 1,95 = 29.300,5635 → 29.300,56; × 2 = 58.601,12; + 34.632,18
    conferir_totais(tela, D("93233.30"))
    assert 2 * custo("DESTEC-03") + GERINF == D("93233.30")
    expect(tela.get_by_test_id("linhas-fora")).to_have_count(0)

    # Salvar não pede justificativa de um K que ninguém escolheu; grava o K do mapa do perfil novo.
    tela.get_by_role("button", name="Salvar OS").click()
    expect(tela.get_by_text("OS nº 001/2026 salva.")).to_be_visible()
    linha = LinhaPerfil.objects.get(perfil__codigo="DESTEC-03")
    assert (linha.quantidade, linha.fator_k, linha.justificativa) == (2, D("1.95"), "")
    expect(tela.get_by_test_id("total-mensal")).to_have_text(formatar_reais(D("93233.30") + OUTRA_OS))


def test_teclado_troca_o_perfil_e_o_k_segue_o_mapa(tela):
    perfil = tela.locator('select[name="linhas-0-perfil"]')
    campo_k = tela.locator('input[name="linhas-0-fator_k"]')
    codigos = [t.split(" – ")[0] for t in perfil.locator("option").all_inner_texts()]

    perfil.focus()
    tela.keyboard.type("DESTEC-01", delay=40)  # busca por digitação do select fechado
    expect(perfil).to_have_value(tela.pk["DESTEC-01"])
    expect(campo_k).to_have_value("2,10")
    conferir_totais(tela, 2 * custo("DESTEC-01") + GERINF)

    for _ in range(codigos.index("DESTEC-03") - codigos.index("DESTEC-01")):
        tela.keyboard.press("ArrowDown")  # passa pelo DESTEC-02: o K acompanha cada perfil
    expect(perfil).to_have_value(tela.pk["DESTEC-03"])
    expect(campo_k).to_have_value("1,95")
    expect(tela.locator('textarea[name="linhas-0-justificativa"]')).to_be_hidden()
    conferir_totais(tela, D("93233.30"))

    # Só teclado até salvar: Tab até o botão e Enter.
    tela.locator('input[name="linhas-1-quantidade"]').focus()
    tela.get_by_role("button", name="Salvar OS").focus()
    tela.keyboard.press("Enter")
    expect(tela.get_by_text("OS nº 001/2026 salva.")).to_be_visible()
    assert LinhaPerfil.objects.get(perfil__codigo="DESTEC-03").fator_k == D("1.95")


def test_k_digitado_fica_quando_o_perfil_muda(tela):
    perfil = tela.locator('select[name="linhas-0-perfil"]')
    campo_k = tela.locator('input[name="linhas-0-fator_k"]')
    justificativa = tela.locator('textarea[name="linhas-0-justificativa"]')
    perfil.select_option(tela.pk["DESTEC-01"])
    expect(campo_k).to_have_value("2,10")  # ainda o K do mapa: segue o perfil

    campo_k.fill("2,50")
    expect(justificativa).to_be_visible()
    justificativa.fill("Memória de cálculo: convenção coletiva local")
    perfil.select_option(tela.pk["DESTEC-03"])
    expect(campo_k).to_have_value("2,50")  # digitado pela equipe: fica
    expect(justificativa).to_be_visible()
    expect(tela.locator(".k-do-mapa").nth(0)).to_have_text("mapa: 1,95")
    # 15.025,93 × 2,50 = 37.564,825 → 37.564,83; × 2 = 75.129,66; + 34.632,18
    conferir_totais(tela, D("109761.84"))
    assert 2 * custo("DESTEC-03", D("2.50")) + GERINF == D("109761.84")

    perfil.focus()
    tela.keyboard.press("ArrowUp")
    expect(perfil).to_have_value(tela.pk["DESTEC-02"])
    expect(campo_k).to_have_value("2,50")


def test_linha_que_nao_entra_no_total_diz_por_que(tela, axe):
    motivo = tela.get_by_test_id("motivo-linha").nth(0)
    aviso = tela.get_by_test_id("linhas-fora")
    quantidade = tela.locator('input[name="linhas-0-quantidade"]')
    campo_k = tela.locator('input[name="linhas-0-fator_k"]')
    justificativa = tela.locator('textarea[name="linhas-0-justificativa"]')
    expect(motivo).to_be_empty()

    quantidade.fill("0")
    expect(motivo).to_have_text("Fora do total: Informe ao menos 1 profissional.")
    expect(aviso).to_have_text("1 linha fora do total: veja o motivo na própria linha.")
    conferir_totais(tela, GERINF)

    quantidade.fill("2")
    campo_k.fill("2,50")  # diferente do mapa, ainda sem justificativa
    expect(motivo).to_contain_text(
        "Fora do total: Justifique o Fator-K 2,50, diferente do Fator-K do mapa (2,12)"
    )
    conferir_totais(tela, GERINF)

    justificativa.fill("Convenção coletiva local")
    campo_k.fill("3,50")
    expect(motivo).to_have_text("Fora do total: O Fator-K não pode ser superior a 3,00 (item 4 do Anexo II).")
    assert axe(tela) == []
    tela.locator("#alternar-contraste").click()  # o aviso na linha também passa no alto contraste
    assert tela.evaluate("document.documentElement.classList.contains('alto-contraste')")
    assert axe(tela) == []

    campo_k.fill("2,50")
    expect(motivo).to_be_empty()
    expect(aviso).to_have_count(0)
    conferir_totais(tela, 2 * custo("ASUPCOMP-02", D("2.50")) + GERINF)


def test_no_celular_a_pagina_cabe_e_o_motivo_aparece(tela):
    tela.set_viewport_size({"width": 390, "height": 844})
    tela.reload()
    # a tabela de linhas rola dentro da sua região; a página não rola de lado
    assert tela.evaluate("document.documentElement.scrollWidth") <= 390
    tela.locator('input[name="linhas-1-quantidade"]').fill("0")
    motivo = tela.get_by_test_id("motivo-linha").nth(1)
    expect(motivo).to_have_text("Fora do total: Informe ao menos 1 profissional.")
    caixa = motivo.bounding_box()
    assert caixa["x"] >= 0 and caixa["x"] + caixa["width"] <= 390
    conferir_totais(tela, 2 * custo("ASUPCOMP-02"))
