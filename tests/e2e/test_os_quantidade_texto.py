"""Navegador (issue 19): a quantidade da linha é um campo de texto com teclado numérico (não type="number",
que pesava na página de 500 linhas e que o GOV.UK desaconselha). Pelo teclado, no celular: letras na
quantidade tiram a linha do total com o motivo ao lado; salvar mostra o erro junto ao campo e não grava;
corrigida, a OS é salva."""

import pytest
from playwright.sync_api import expect

from contratos.estimativa import formatar_reais
from contratos.models import LinhaPerfil
from tests.e2e.test_os_fator_k import GERINF, custo, ordem, tela  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_letras_na_quantidade_pelo_teclado_no_celular(tela, ordem):  # noqa: F811
    tela.set_viewport_size({"width": 390, "height": 844})
    quantidade = tela.locator('input[name="linhas-0-quantidade"]')
    expect(quantidade).to_have_attribute("inputmode", "numeric")
    assert quantidade.get_attribute("type") is None  # texto: o padrão do HTML

    quantidade.focus()
    tela.keyboard.press("ControlOrMeta+a")
    tela.keyboard.type("2a")
    expect(tela.get_by_test_id("motivo-linha").first).to_have_text("Fora do total: Use um número inteiro.")
    expect(tela.locator("#valor-linha-0")).to_have_text("—")
    expect(tela.get_by_test_id("total-os")).to_have_text(formatar_reais(GERINF))

    tela.get_by_role("button", name="Salvar OS").press("Enter")
    expect(
        tela.locator(".br-input.danger", has=tela.locator('input[name="linhas-0-quantidade"]'))
    ).to_contain_text("Use um número inteiro.")
    assert sorted(LinhaPerfil.objects.filter(ordem=ordem).values_list("quantidade", flat=True)) == [1, 2]

    campo = tela.locator('input[name="linhas-0-quantidade"]')
    campo.focus()
    tela.keyboard.press("ControlOrMeta+a")
    tela.keyboard.type("3")
    expect(tela.get_by_test_id("total-os")).to_have_text(formatar_reais(3 * custo("ASUPCOMP-02") + GERINF))
    tela.get_by_role("button", name="Salvar OS").press("Enter")
    expect(tela.get_by_text(f"{ordem.numero} salva.")).to_be_visible()
    assert sorted(LinhaPerfil.objects.filter(ordem=ordem).values_list("quantidade", flat=True)) == [1, 3]
