"""Navegador: a equipe monta uma estimativa, vê os totais mudarem ao vivo e baixa o Anexo A."""

from decimal import Decimal as D

import openpyxl
import pytest
from playwright.sync_api import expect

from contratos.anexo_a import ABA_ANEXO
from tests.conftest import SENHA
from tests.contratos.conftest import criar_mapa
from tests.e2e.comum import baixar
from tests.planilhas import reais_calculados, recalcular


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_monta_estimativa_e_exporta_anexo_a(
    pagina, live_server, entrar, axe, usuario_equipe, tmp_path
):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    pk = {v.codigo: str(v.pk) for v in mapa.valores.all()}
    entrar(pagina, "equipe", SENHA)

    # Lista vazia diz o que fazer a seguir.
    pagina.get_by_role("link", name="Contratações", exact=True).click()
    expect(pagina.get_by_text("Nenhuma contratação ainda")).to_be_visible()
    assert axe(pagina) == []
    pagina.get_by_role("link", name="Criar contratação").first.click()

    pagina.get_by_label("Objeto").fill("Operação de infraestrutura e atendimento a usuários de TIC")
    pagina.get_by_label("Nº do processo (SEI/NUP)").fill("19974.000123/2026-45")
    pagina.locator('input[name="equipe-0-nome"]').fill("Ana Planejadora")
    pagina.locator('select[name="equipe-0-papel"]').select_option("tecnico")
    pagina.get_by_role("button", name="Salvar").click()
    expect(pagina.get_by_role("heading", name="Contratação 19974.000123/2026-45")).to_be_visible()

    pagina.get_by_role("link", name="Novo item").click()
    pagina.get_by_label("Descrição").fill("Suporte a usuários")
    pagina.get_by_role("button", name="Salvar item").click()
    pagina.get_by_role("link", name="Nova OS neste item").click()

    # OS com três perfis; os totais vêm do servidor a cada alteração.
    pagina.get_by_label("Identificação").fill("Sustentação do atendimento")
    pagina.get_by_label("Objetivo").fill("Atender os usuários da sede")
    pagina.get_by_label("Prazo de atendimento").fill("30 dias corridos")
    pagina.get_by_label("Produtos ou resultados a entregar").fill("Relatório mensal\nInventário")
    pagina.locator('select[name="linhas-0-perfil"]').select_option(pk["ASUPCOMP-02"])
    expect(pagina.locator('input[name="linhas-0-fator_k"]')).to_have_value("2,12")  # K do mapa por padrão
    pagina.locator('input[name="linhas-0-quantidade"]').fill("2")
    expect(pagina.get_by_test_id("total-os")).to_have_text("R$ 21.520,20")

    pagina.get_by_role("button", name="Adicionar perfil").click()
    pagina.locator('select[name="linhas-1-perfil"]').select_option(pk["GERINF"])
    expect(pagina.get_by_test_id("total-os")).to_have_text("R$ 56.152,38")
    expect(pagina.get_by_test_id("total-anual")).to_have_text("R$ 673.828,56")

    # Terceira linha pelo teclado; K diferente do mapa revela a justificativa.
    pagina.locator("#adicionar-linha").focus()
    pagina.keyboard.press("Enter")
    terceira = pagina.locator('select[name="linhas-2-perfil"]')
    expect(terceira).to_be_focused()
    terceira.select_option(pk["TECSUP-03"])
    justificativa = pagina.locator('textarea[name="linhas-2-justificativa"]')
    expect(justificativa).to_be_hidden()
    pagina.locator('input[name="linhas-2-fator_k"]').fill("2,50")
    expect(justificativa).to_be_visible()
    justificativa.fill("Memória de cálculo: acordo coletivo local")
    # 3.216,87 × 2,50 = 8.042,175 → 8.042,18
    expect(pagina.get_by_test_id("total-os")).to_have_text("R$ 64.194,56")

    pagina.locator('input[name="linhas-0-quantidade"]').fill("3")
    expect(pagina.get_by_test_id("total-os")).to_have_text("R$ 74.954,66")
    expect(pagina.get_by_test_id("total-item")).to_have_text("R$ 74.954,66")
    assert axe(pagina) == []
    pagina.get_by_role("button", name="Salvar OS").click()

    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 74.954,66")
    expect(pagina.get_by_test_id("total-anual")).to_have_text("R$ 899.455,92")
    assert axe(pagina) == []

    arquivo = baixar(pagina, tmp_path, pagina.get_by_role("link", name="Exportar Anexo A (XLSX)"))
    assert arquivo.name.startswith("anexo-a_19974.000123-2026-45_")
    formulas = openpyxl.load_workbook(arquivo)[ABA_ANEXO]
    assert [formulas[f"H{r}"].value for r in (9, 10, 11)] == [f"=ROUND(F{r}*G{r},2)" for r in (9, 10, 11)]
    assert [formulas[f"I{r}"].value for r in (9, 10, 11)] == [f"=E{r}*H{r}" for r in (9, 10, 11)]

    recalculada = recalcular(arquivo.read_bytes()).valores[ABA_ANEXO]
    assert (reais_calculados(recalculada["I2"].value), reais_calculados(recalculada["I3"].value)) == (
        D("74954.66"),
        D("899455.92"),
    )

    # Lista com a contratação e OS para impressão (sem quantidades como exigência) também acessíveis.
    pagina.get_by_role("link", name="Versão para impressão").click()
    expect(pagina.get_by_text("Ao menos 1 (um) profissional para cada perfil")).to_be_visible()
    assert axe(pagina) == []
    trilha = pagina.get_by_role("navigation", name="Trilha de navegação")
    trilha.get_by_role("link", name="Contratações").click()
    expect(pagina.get_by_role("link", name="19974.000123/2026-45")).to_be_visible()
    assert axe(pagina) == []
    assert pagina.externas == []
