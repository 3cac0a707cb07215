"""Navegador (issue 19): o total ao vivo devolve só as linhas alteradas; duas linhas mudadas antes de a
resposta chegar são ambas atualizadas, e a linha tirada do total mostra e depois apaga o motivo."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from contratos.estimativa import formatar_reais
from tests.e2e.test_os_fator_k import GERINF, custo, ordem, tela  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_duas_linhas_alteradas_de_uma_vez_sao_atualizadas(tela):  # noqa: F811
    enviadas = []  # o que cada pedido de total ao vivo leva em "alteradas"
    tela.on(
        "request",
        lambda p: (
            "/os/calcular/" in p.url
            and enviadas.append(parse_qs(p.post_data, keep_blank_values=True).get("alteradas", ["?"])[0])
        ),
    )
    tela.locator('input[name="linhas-0-quantidade"]').fill("3")
    tela.locator('input[name="linhas-1-quantidade"]').fill("2")  # logo depois, antes de a resposta chegar
    expect(tela.locator("#valor-linha-0")).to_have_text(formatar_reais(3 * custo("ASUPCOMP-02")))
    expect(tela.locator("#valor-linha-1")).to_have_text(formatar_reais(2 * GERINF))
    expect(tela.get_by_test_id("total-os")).to_have_text(
        formatar_reais(3 * custo("ASUPCOMP-02") + 2 * GERINF)
    )

    tela.locator('input[name="linhas-1-quantidade"]').fill("0")
    expect(tela.locator("#valor-linha-1")).to_have_text("—")
    expect(tela.get_by_test_id("motivo-linha").nth(1)).to_have_text(
        "Fora do total: Informe ao menos 1 profissional."
    )
    expect(tela.locator("#valor-linha-0")).to_have_text(formatar_reais(3 * custo("ASUPCOMP-02")))
    tela.locator('input[name="linhas-1-quantidade"]').fill("1")
    expect(tela.get_by_test_id("motivo-linha").nth(1)).to_be_empty()
    expect(tela.locator("#custo-linha-1")).to_have_text(formatar_reais(GERINF))
