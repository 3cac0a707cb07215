"""Regras do catálogo no banco (restrições) e nos serviços (fluxo de situação, nova versão)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogo import selectors, services
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo

Situacao = VersaoCatalogo.Situacao


def _integridade(funcao):
    with pytest.raises(IntegrityError), transaction.atomic():
        funcao()


def test_banco_recusa_preco_nao_positivo_e_codigo_repetido(criar_versao):
    v = criar_versao(n=1)
    campos = {"versao": v, "nome": "x", "categoria": "rede", "unidade_medida": "GB"}
    _integridade(lambda: ServicoNuvem.objects.create(codigo="N1", preco_unitario=Decimal("-1"), **campos))
    _integridade(lambda: ServicoNuvem.objects.create(codigo="N2", preco_unitario=Decimal("0"), **campos))
    _integridade(lambda: ServicoNuvem.objects.create(codigo="S-0000", preco_unitario=Decimal("1"), **campos))
    _integridade(
        lambda: ServicoNuvem.objects.create(codigo="N3", preco_unitario=1, **{**campos, "categoria": "x"})
    )


def test_banco_recusa_unidade_profissional_desconhecida(criar_versao):
    v = criar_versao(tipo="profissionais", n=0)
    _integridade(
        lambda: ServicoProfissional.objects.create(versao=v, codigo="P", nome="x", unidade="dia", preco=1)
    )


def test_nivel_de_servico_tem_exatamente_um_dono(criar_versao):
    v = criar_versao(n=1)
    servico = v.servicos_nuvem.get()
    base = {"indicador": "i", "meta": "m", "forma_medicao": "f"}
    _integridade(lambda: NivelServico.objects.create(**base))
    _integridade(lambda: NivelServico.objects.create(versao=v, servico_nuvem=servico, **base))
    with pytest.raises(ValidationError):
        NivelServico(**base).full_clean()


def test_aprovacao_exige_data_e_sei_no_banco(criar_versao):
    v = criar_versao(n=0)
    _integridade(lambda: VersaoCatalogo.objects.filter(pk=v.pk).update(situacao="aprovado"))


def test_servico_so_em_versao_do_seu_tipo(criar_versao):
    v = criar_versao(tipo="profissionais", n=0)
    servico = ServicoNuvem(
        versao=v, codigo="X", nome="x", categoria="rede", unidade_medida="GB", preco_unitario=Decimal(1)
    )
    with pytest.raises(ValidationError) as erro:
        servico.full_clean()
    assert "versao" in erro.value.message_dict


def test_fluxo_rascunho_analise_aprovado_substitui_a_vigente(criar_versao):
    antiga = criar_versao(versao="2024.1", aprovar=True)
    nova = criar_versao(versao="2025.1", inicio=date(2025, 3, 1))
    with pytest.raises(ValidationError):  # não pula a análise
        services.versao_transicionar(versao=nova, para=Situacao.APROVADO)
    services.versao_transicionar(versao=nova, para=Situacao.EM_ANALISE)
    with pytest.raises(ValidationError) as erro:  # sem data e SEI não aprova
        services.versao_transicionar(versao=nova, para=Situacao.APROVADO)
    assert "referencia_sei" in erro.value.message_dict
    nova = services.versao_transicionar(
        versao=nova, para=Situacao.APROVADO, data_aprovacao=date(2025, 3, 1), referencia_sei="SEI 0001"
    )
    antiga.refresh_from_db()
    # gravado: as duas aprovadas; vigente/substituída derivam das datas (ver test_vigencia_derivada)
    assert (nova.situacao, antiga.situacao) == (Situacao.APROVADO, Situacao.APROVADO)
    assert selectors.versao_vigente("nuvem", hoje=date(2025, 3, 1)) == nova
    assert selectors.versao_vigente("nuvem", hoje=date(2025, 2, 28)) == antiga
    with pytest.raises(ValidationError):  # aprovada é o fim do fluxo
        services.versao_transicionar(versao=antiga, para=Situacao.EM_ANALISE)


def test_nova_versao_a_partir_de_aprovada_copia_servicos_e_niveis(criar_versao):
    origem = criar_versao(n=3, aprovar=True, ilustrativa=True)
    NivelServico.objects.create(versao=origem, indicador="Portal", meta="99%", forma_medicao="x")
    with pytest.raises(services.VersaoNaoEditavel):
        services.exigir_editavel(origem)
    copia = services.versao_copiar(origem=origem, versao="2025.2", vigencia_inicio=date(2025, 6, 1))
    assert copia.situacao == Situacao.RASCUNHO and copia.origem == origem and copia.valores_ilustrativos
    assert list(copia.servicos_nuvem.values_list("codigo", "preco_unitario")) == list(
        origem.servicos_nuvem.values_list("codigo", "preco_unitario")
    )
    assert NivelServico.objects.filter(servico_nuvem__versao=copia).count() == 3
    assert copia.niveis_servico.get().indicador == "Portal"
    assert origem.servicos_nuvem.count() == 3  # a origem não muda


def test_carga_do_exemplo_e_idempotente_e_completa(catalogo_exemplo):
    import io

    from catalogo import referencias

    nuvem, prof = catalogo_exemplo["nuvem"], catalogo_exemplo["profissionais"]
    assert nuvem.valores_ilustrativos and prof.valores_ilustrativos
    assert nuvem.situacao == prof.situacao == Situacao.APROVADO
    assert nuvem.servicos_nuvem.count() >= 20 and prof.servicos_profissionais.count() >= 8
    assert set(nuvem.servicos_nuvem.values_list("categoria", flat=True)) == {
        "computacao",
        "armazenamento",
        "rede",
        "banco_de_dados",
        "backup",
        "seguranca",
    }
    assert not nuvem.servicos_nuvem.filter(niveis_servico__isnull=True).exists()
    assert not prof.servicos_profissionais.filter(niveis_servico__isnull=True).exists()
    # preços de nuvem com 4 casas
    assert ServicoNuvem.objects.get(versao=nuvem, codigo="CMP-VCPU").preco_unitario == Decimal("0.0412")
    contagem = (VersaoCatalogo.objects.count(), ServicoNuvem.objects.count(), NivelServico.objects.count())
    saida = io.StringIO()
    referencias.carregar(saida=saida)
    assert "já presentes" in saida.getvalue()
    assert contagem == (
        VersaoCatalogo.objects.count(),
        ServicoNuvem.objects.count(),
        NivelServico.objects.count(),
    )
