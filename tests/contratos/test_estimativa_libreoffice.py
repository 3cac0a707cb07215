"""Anexo A baixado pela página e recalculado pelo LibreOffice: os totais batem com a tela ao centavo."""

from decimal import Decimal as D

from django.urls import reverse

from contratos.anexo_a import ABA_ANEXO
from tests.contratos.conftest import adicionar_os
from tests.planilhas import reais_calculados, recalcular_varias


def _baixar(cliente, contratacao):
    r = cliente.get(reverse("contratos:contratacao_anexo_a", args=[contratacao.pk]))
    assert r.status_code == 200
    return r.content


def test_anexo_a_da_pagina_recalculado_bate_com_a_pagina(exemplo, nova_contratacao, client_equipe):
    meio = nova_contratacao(numero_processo="19974.000002/2026-01", meses=30)
    # 3.216,87 × 2,50 = 8.042,175 → 8.042,18 por profissional; × 2 = 16.084,36
    adicionar_os(meio, [("TECSUP-03", 2, "2.50", "Acordo coletivo local")])
    paginas = [client_equipe.get(c.get_absolute_url()).content.decode() for c in (exemplo, meio)]
    assert 'data-testid="total-mensal">R$ 56.152,38<' in paginas[0]
    assert 'data-testid="total-anual">R$ 673.828,56<' in paginas[0]
    assert 'data-testid="total-mensal">R$ 16.084,36<' in paginas[1]
    assert 'data-testid="total-periodo">R$ 482.530,80<' in paginas[1]

    exemplo_lo, meio_lo = recalcular_varias([_baixar(client_equipe, exemplo), _baixar(client_equipe, meio)])

    ws = exemplo_lo.valores[ABA_ANEXO]
    assert (reais_calculados(ws["I2"].value), reais_calculados(ws["I3"].value)) == (
        D("56152.38"),
        D("673828.56"),
    )
    ws = meio_lo.valores[ABA_ANEXO]
    assert [reais_calculados(ws[c].value) for c in ("H9", "I9")] == [D("8042.18"), D("16084.36")]
    assert (reais_calculados(ws["I2"].value), reais_calculados(ws["I5"].value)) == (
        D("16084.36"),
        D("482530.80"),
    )
    assert meio_lo.formulas[ABA_ANEXO]["H9"].value == "=ROUND(F9*G9,2)"
