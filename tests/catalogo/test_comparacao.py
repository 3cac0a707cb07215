"""Comparação entre versões pelo código: preço alterado com variação percentual, incluídos e excluídos."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from catalogo.calculo import ItemPreco, comparar
from catalogo.models import ServicoNuvem
from catalogo.services import versao_copiar
from tests.catalogo.conftest import servicos_nuvem


def test_regra_pura_da_comparacao():
    base = [
        ItemPreco("A", "a", "GB", Decimal("0.1000")),
        ItemPreco("B", "b", "GB", Decimal("2")),
        ItemPreco("C", "c", "h", Decimal("1")),
    ]
    nova = [
        ItemPreco("A", "a", "GB", Decimal("0.1125")),
        ItemPreco("C", "c", "h", Decimal("1")),
        ItemPreco("D", "d", "h", Decimal("3")),
    ]
    resultado = comparar(base, nova)
    assert [a.nova.codigo for a in resultado.alterados] == ["A"]
    assert resultado.alterados[0].variacao_percentual == Decimal("12.50")
    assert [i.codigo for i in resultado.incluidos] == ["D"]
    assert [i.codigo for i in resultado.excluidos] == ["B"]
    assert resultado.iguais == 1


def test_variacao_arredonda_meio_para_cima():
    # 0,0003 / 0,0007 = 42,857142...% → 42,86%; queda de 1/3 → −33,33%
    alteracao = comparar(
        [ItemPreco("A", "a", "u", Decimal("0.0007"))], [ItemPreco("A", "a", "u", Decimal("0.0010"))]
    )
    assert alteracao.alterados[0].variacao_percentual == Decimal("42.86")
    queda = comparar([ItemPreco("A", "a", "u", Decimal("3"))], [ItemPreco("A", "a", "u", Decimal("2"))])
    assert queda.alterados[0].variacao_percentual == Decimal("-33.33")


def test_pagina_de_comparacao(client_admin_ref, catalogo_exemplo):
    # A cópia é rascunho: só quem mantém os catálogos a vê (e compara).
    origem = catalogo_exemplo["nuvem"]
    nova = versao_copiar(origem=origem, versao="2025.1", vigencia_inicio=date(2025, 6, 1))
    ServicoNuvem.objects.filter(versao=nova, codigo="CMP-VCPU").update(preco_unitario=Decimal("0.0453"))
    ServicoNuvem.objects.filter(versao=nova, codigo="RED-IP").delete()
    ServicoNuvem.objects.bulk_create(servicos_nuvem(nova, [("CMP-GPU", "computacao", "GPU/hora", "2.5000")]))
    html = client_admin_ref.get(
        reverse("catalogo:comparar"), {"base": origem.pk, "nova": nova.pk}
    ).content.decode()
    assert "1 alterado, 1 incluído, 1 excluído" in html
    assert "R$ 0,0412" in html and "R$ 0,0453" in html and "+9,95%" in html  # 0,0041/0,0412 = 9,951...%
    assert "CMP-GPU" in html and "RED-IP" in html
    assert "Valores ilustrativos" in html


def test_comparar_catalogos_de_tipos_diferentes_da_erro_claro(client_consulta, catalogo_exemplo):
    resposta = client_consulta.get(
        reverse("catalogo:comparar"),
        {"base": catalogo_exemplo["nuvem"].pk, "nova": catalogo_exemplo["profissionais"].pk},
    )
    assert resposta.status_code == 200
    assert "Compare versões do mesmo catálogo" in resposta.content.decode()
