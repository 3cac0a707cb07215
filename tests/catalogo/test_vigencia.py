"""Ciclo de vida das versões: vigente/“a partir de”/substituída derivam das datas e de `hoje` (sem rotina)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalogo import selectors, services
from catalogo.models import VersaoCatalogo
from contratos import selectors as contratos_selectors
from core import vigencia

Estado = vigencia.Estado
D1, D2, D3 = date(2025, 1, 1), date(2025, 9, 1), date(2026, 3, 1)


def test_a_de_inicio_mais_recente_ja_alcancado_e_a_vigente():
    estados = vigencia.estados([("a", D1), ("b", D2), ("c", D3)], hoje=date(2025, 12, 31))
    assert estados["a"] == vigencia.EstadoVersao(Estado.SUBSTITUIDA, D1, desde=D2)
    assert estados["b"].estado == Estado.VIGENTE
    assert estados["c"].rotulo == "Aprovada, a partir de 01/03/2026"
    assert estados["a"].rotulo == "Substituída desde 01/09/2025"
    assert vigencia.vigente([("a", D1), ("b", D2), ("c", D3)], hoje=D3) == "c"


def test_antes_de_qualquer_inicio_nao_ha_vigente():
    assert vigencia.vigente([("a", D2)], hoje=D1) is None
    assert vigencia.vigente([], hoje=D1) is None


def test_nova_publicacao_precisa_comecar_depois_das_outras():
    assert vigencia.erro_de_inicio(D3, [D1, D2]) == ""
    assert (
        vigencia.erro_de_inicio(D2, [D1, D2])
        == "Já existe uma versão publicada com vigência a partir de 01/09/2025."
    )
    assert "depois de 01/09/2025" in vigencia.erro_de_inicio(D1, [D2])
    assert vigencia.erro_de_inicio(None, []) == "Informe o início da vigência (dd/mm/aaaa)."


def _aprovar(versao):
    services.versao_transicionar(versao=versao, para=VersaoCatalogo.Situacao.EM_ANALISE)
    return services.versao_transicionar(
        versao=versao, para=VersaoCatalogo.Situacao.APROVADO, data_aprovacao=D2, referencia_sei="SEI 1"
    )


def test_aprovacao_com_inicio_futuro_nao_substitui_a_vigente_antes_do_dia(criar_versao):
    atual = criar_versao(versao="2025.1", aprovar=True, inicio=D1)
    futura = _aprovar(criar_versao(versao="2026.1", inicio=D3))
    vespera, dia = date(2026, 2, 28), D3

    assert selectors.versao_vigente("nuvem", hoje=vespera) == atual
    assert selectors.estados_das_versoes(hoje=vespera)[futura.pk].rotulo == "Aprovada, a partir de 01/03/2026"
    assert list(contratos_selectors.catalogos_aprovados(["nuvem"], hoje=vespera)) == [atual]

    assert selectors.versao_vigente("nuvem", hoje=dia) == futura
    assert selectors.estados_das_versoes(hoje=dia)[atual.pk].rotulo == "Substituída desde 01/03/2026"
    assert list(contratos_selectors.catalogos_aprovados(["nuvem"], hoje=date(2027, 1, 1))) == [futura]


def test_aprovar_com_inicio_repetido_ou_anterior_e_recusado_em_portugues(criar_versao):
    criar_versao(versao="2025.1", aprovar=True, inicio=D2)
    for rotulo, inicio, trecho in [
        ("2025.2", D2, "a partir de 01/09/2025"),
        ("2024.9", D1, "depois de 01/09/2025"),
    ]:
        versao = criar_versao(versao=rotulo, inicio=inicio)
        with pytest.raises(ValidationError) as erro:
            _aprovar(versao)
        assert trecho in " ".join(erro.value.message_dict["vigencia_inicio"])
        versao.refresh_from_db()
        assert versao.situacao == "em_analise"  # nada mudou além do envio para análise


def test_banco_recusa_duas_aprovadas_com_o_mesmo_inicio(criar_versao):
    criar_versao(versao="2025.1", aprovar=True, inicio=D2)
    outra = criar_versao(versao="2025.2", inicio=D2)
    with pytest.raises(IntegrityError), transaction.atomic():
        VersaoCatalogo.objects.filter(pk=outra.pk).update(
            situacao="aprovado", data_aprovacao=D2, referencia_sei="SEI 2"
        )


def test_paginas_mostram_o_estado_derivado(criar_versao, client_admin_ref):
    atual = criar_versao(versao="2025.1", aprovar=True, inicio=D1)
    _aprovar(criar_versao(versao="2099.1", inicio=date(2099, 1, 1)))
    for url in (reverse("catalogo:inicio"), reverse("admin:catalogo_versaocatalogo_changelist")):
        html = client_admin_ref.get(url).content.decode()
        assert "Aprovada, a partir de 01/01/2099" in html
        assert ">Vigente<" in html
    html = client_admin_ref.get(reverse("catalogo:vigente", args=["nuvem"])).content.decode()
    assert atual.versao in html and "2099.1" not in html
