"""Navegador, como Fiscal do contrato: emite a OS, abre o período, aloca uma equipe com uma constatação,
conclui o relatório e o baixa; depois edita a equipe e o relatório concluído não muda (issue 13)."""

from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from contratos.models import Contratacao
from core.grupos import FISCAL
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_fiscal_emite_aloca_conclui_e_baixa_o_relatorio_congelado(
    pagina, live_server, entrar, criar_usuario, orgao
):
    criar_usuario("fiscal", grupos=[FISCAL], orgaos=[orgao])
    contratacao = Contratacao.objects.create(
        orgao=orgao,
        objeto="Sustentação",
        numero_processo="19974.000777/2026-01",
        mapa=criar_mapa("Portaria SGD/MGI nº 6.055/2025"),
    )
    ordem = adicionar_os(contratacao, [("ASUPCOMP-02", 3, None, "")])

    entrar(pagina, "fiscal", SENHA)
    # o fiscal não edita a OS planejada: abre a versão para impressão e dali a fiscalização
    pagina.goto(f"{live_server.url}{ordem.get_absolute_url()}")
    pagina.get_by_role("link", name="Fiscalização técnica").click()
    pagina.get_by_label("Data de emissão").fill("2026-03-02")
    pagina.get_by_role("button", name="Emitir a OS").click()
    expect(pagina.locator("#emissao")).to_contain_text("Emitida em 02/03/2026")
    pagina.get_by_label("Mês fiscalizado").fill("2026-03")
    pagina.get_by_role("button", name="Abrir período").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("03/2026")

    for nome, codigo, senioridade, anos in (
        ("Ana Souza", "ASUPCOMP-03 – Analista de suporte computacional Sênior", "Sênior", "6"),
        ("Bruno Lima", "ASUPCOMP-02 – Analista de suporte computacional Pleno", "Pleno", "2"),
    ):
        formulario = pagina.locator("#form-alocado")
        formulario.get_by_label("Nome").fill(nome)
        formulario.get_by_label("Perfil (código)").select_option(label=codigo)
        formulario.get_by_label("Senioridade").select_option(label=senioridade)
        formulario.get_by_label("Anos de experiência").fill(anos)
        formulario.get_by_label("Formação ou qualificação").fill("Tecnólogo em redes")
        formulario.get_by_label("Início da alocação").fill("2026-03-01")
        formulario.get_by_role("button", name="Incluir na equipe").click()
        expect(pagina.locator("#equipe")).to_contain_text(nome)

    # Bruno, Pleno com 2 anos, é a constatação (item 7); 2 alocados para 3 estimados não é (15.5)
    expect(pagina.locator("#constatacoes")).to_have_text("1 constatação(ões).")
    expect(pagina.locator("#regras")).to_contain_text("2 ano(s); Pleno exige ao menos 3")
    expect(pagina.locator("#regras")).to_contain_text("Estimativa: 3; alocados: 2.")
    avaliacao = pagina.locator("#form-avaliacao")
    avaliacao.get_by_label("Fiscal técnico").fill("Fábio Fiscal")
    avaliacao.get_by_label("Prazos", exact=True).select_option(label="Parcialmente atendido")
    avaliacao.get_by_role("button", name="Gravar a avaliação").click()

    pagina.get_by_role("button", name="Concluir o relatório").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Relatório de fiscalização técnica – versão 1"
    )
    expect(pagina.locator("#avaliacao-relatorio")).to_contain_text("Parcialmente atendido")
    with pagina.expect_download() as baixado:
        pagina.get_by_role("link", name="Baixar XLSX").click()
    valores = [
        c for linha in load_workbook(BytesIO(baixado.value.path().read_bytes())).active.values for c in linha
    ]
    assert "Bruno Lima" in valores and "Constatação" in valores
    url_relatorio = pagina.url

    # a equipe muda depois: o relatório concluído continua como foi concluído
    pagina.get_by_role("link", name="Voltar ao período").click()
    pagina.locator("#equipe tr", has_text="Bruno Lima").get_by_role("link", name="Editar").click()
    pagina.get_by_label("Nome").fill("Bruno Lima Trocado")
    pagina.get_by_label("Anos de experiência").fill("4")
    pagina.get_by_role("button", name="Salvar").click()
    expect(pagina.locator("#constatacoes")).to_have_text("Nenhuma constatação.")
    pagina.goto(url_relatorio)
    expect(pagina.locator("#equipe-relatorio")).to_contain_text("Bruno Lima")
    expect(pagina.locator("#equipe-relatorio")).not_to_contain_text("Trocado")
    expect(pagina.locator("#constatacoes")).to_have_text("1 constatação(ões).")
    assert pagina.externas == []
