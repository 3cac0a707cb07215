"""Navegador: a equipe vê a verificação normativa, baixa o kit do TR e confere o arquivo baixado."""

from io import BytesIO

import docx
import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.e2e.comum import baixar, verificar_pela_pagina


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_equipe_baixa_o_kit_do_tr_e_verifica_o_arquivo(pagina, entrar, axe, usuario_equipe, orgao, tmp_path):
    # O exemplo trabalhado (DESIGN.md §4.3): 2 × ASUPCOMP-02 + 1 × GERINF.
    exemplo = Contratacao.objects.create(
        orgao=orgao,
        objeto="Operação de TIC",
        numero_processo="19974.000001/2026-01",
        mapa=criar_mapa("Portaria SGD/MGI nº 6.055/2025"),
    )
    adicionar_os(exemplo, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    entrar(pagina, "equipe", SENHA)
    pagina.get_by_role("link", name="Contratações", exact=True).click()
    pagina.get_by_role("link", name="19974.000001/2026-01").click()

    # A contratação de exemplo não tem equipe: o painel aponta os três papéis, com a regra e onde corrigir.
    painel = pagina.get_by_test_id("verificacao")
    expect(painel.get_by_test_id("achado-equipe-sem-requisitante")).to_contain_text(
        "A equipe de planejamento não tem integrante requisitante."
    )
    expect(painel.get_by_text("IN SGD/ME nº 94/2022").first).to_be_visible()
    expect(painel.get_by_role("link", name="Editar dados e equipe").first).to_be_visible()
    assert axe(pagina) == []

    arquivo = baixar(pagina, tmp_path, pagina.get_by_role("link", name="Kit do TR (DOCX)"))
    assert arquivo.name.startswith("kit-tr_19974.000001-2026-01_")
    tabelas = [
        c.text for t in docx.Document(BytesIO(arquivo.read_bytes())).tables for r in t.rows for c in r.cells
    ]
    assert "R$ 56.152,38" in tabelas and "R$ 673.828,56" in tabelas

    confere = verificar_pela_pagina(pagina, arquivo)
    expect(confere).to_contain_text("Confere com uma exportação registrada.")
    expect(confere).to_contain_text("Kit do Termo de Referência (DOCX)")
    expect(confere.get_by_role("link", name="19974.000001/2026-01")).to_be_visible()
    expect(pagina.get_by_test_id("estimativa-igual")).to_be_visible()
    assert axe(pagina) == []
    assert pagina.externas == []
