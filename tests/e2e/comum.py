"""Passos comuns dos passeios: as fotos pedidas, a contratação de partida e a conferência do Anexo A."""

import os
from decimal import Decimal
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from contratos.anexo_a import ABA_ANEXO
from contratos.models import Contratacao
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.planilhas import reais_calculados, recalcular

FOTOS = os.environ.get("FOTOS_E2E", "")  # pasta para as capturas de tela, só quando pedida


def foto(pagina, nome: str) -> None:
    """Captura a página inteira em FOTOS (para revisar o visual); sem a variável, não faz nada."""
    if FOTOS:
        pagina.screenshot(path=f"{FOTOS}/{nome}.png", full_page=True)


def baixar(pagina, tmp_path, alvo) -> Path:
    """Clica em `alvo` (um localizador), espera o download e o guarda em `tmp_path` com o nome sugerido."""
    with pagina.expect_download() as download:
        alvo.click()
    arquivo = tmp_path / download.value.suggested_filename
    download.value.save_as(arquivo)
    return arquivo


def enviar_para_verificar(pagina, arquivo: Path) -> None:
    """Na página "Verificar arquivo": escolhe `arquivo` e pede a verificação."""
    pagina.get_by_label("Arquivo gerado pelo PlanejaTIC").set_input_files(arquivo)
    pagina.get_by_role("button", name="Verificar").click()


def verificar_pela_pagina(pagina, arquivo: Path):
    """Segue o link "Verificar arquivo" da página atual, envia `arquivo` e devolve o quadro "confere"."""
    pagina.get_by_role("link", name="Verificar arquivo").click()
    expect(pagina.get_by_role("heading", name="Verificar arquivo")).to_be_visible()
    enviar_para_verificar(pagina, arquivo)
    return pagina.get_by_test_id("confere")


def contratacao_do_exemplo(orgao, *, objeto: str, numero_processo: str) -> Contratacao:
    """Contratação com o exemplo trabalhado (2 × ASUPCOMP-02 + 1 × GERINF): R$ 56.152,38 por mês."""
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto=objeto, numero_processo=numero_processo, mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    return contratacao


def baixar_e_conferir_anexo_a(
    pagina, tmp_path, *, servicos: dict[str, Decimal], mensal: Decimal, anual: Decimal
) -> None:
    """Baixa o Anexo A pela página; cada serviço (na ordem das linhas) tem a fórmula viva e o valor que o
    LibreOffice recalcula; os totais do cabeçalho batem com a tela."""
    arquivo = baixar(pagina, tmp_path, pagina.get_by_role("link", name="Exportar Anexo A (XLSX)"))
    formulas = openpyxl.load_workbook(arquivo)[ABA_ANEXO]
    rodadas = [c.row for c in formulas["B"] if c.value in servicos]
    assert [formulas[f"I{r}"].value for r in rodadas] == [f"=ROUND(E{r}*F{r},2)" for r in rodadas]
    recalculada = recalcular(arquivo.read_bytes()).valores[ABA_ANEXO]
    assert [reais_calculados(recalculada[f"I{r}"].value) for r in rodadas] == list(servicos.values())
    assert (reais_calculados(recalculada["I2"].value), reais_calculados(recalculada["I3"].value)) == (
        mensal,
        anual,
    )


def conferir_totais(pagina, *, item: str, mensal: str, anual: str) -> None:
    """Os totais que o servidor recalcula a cada alteração da página das linhas: do item, mensal e anual."""
    for nome, valor in (("total-item", item), ("total-mensal", mensal), ("total-anual", anual)):
        expect(pagina.get_by_test_id(nome)).to_have_text(valor)


def sair_e_esperar_o_calculo(pagina, campo: str) -> None:
    """O "change" ao sair do campo dispara mais um cálculo; o servidor de teste (SQLite em memória) divide
    uma só conexão entre as threads, então esperamos esse pedido terminar antes de salvar."""
    pagina.locator(campo).blur()
    pagina.wait_for_load_state("networkidle")
