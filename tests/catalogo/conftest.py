"""Fixtures do catálogo: o exemplo carregado pelo mesmo caminho do `make run` e versões sob medida."""

import io
from datetime import date
from decimal import Decimal

import pytest

from catalogo import referencias
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo


@pytest.fixture
def catalogo_exemplo(db):
    referencias.carregar(saida=io.StringIO())
    return {v.tipo: v for v in VersaoCatalogo.objects.all()}


@pytest.fixture
def criar_versao(db):
    """Versão com `n` serviços (cada um com um nível de serviço); situação rascunho por padrão."""

    def _criar(
        *,
        tipo=VersaoCatalogo.Tipo.NUVEM,
        n=3,
        versao="2025.1",
        aprovar=False,
        ilustrativa=False,
        inicio=date(2025, 1, 1),
    ):
        v = VersaoCatalogo.objects.create(
            tipo=tipo, versao=versao, vigencia_inicio=inicio, valores_ilustrativos=ilustrativa
        )
        for i in range(n):
            if tipo == VersaoCatalogo.Tipo.NUVEM:
                s = ServicoNuvem.objects.create(
                    versao=v,
                    codigo=f"S-{i:04d}",
                    nome=f"Serviço {i}",
                    categoria=["computacao", "rede", "backup"][i % 3],
                    unidade_medida="GB/mês",
                    preco_unitario=Decimal("0.1234") + i,
                )
                NivelServico.objects.create(
                    servico_nuvem=s, indicador="Disponibilidade", meta="99,9%", forma_medicao="x"
                )
            else:
                s = ServicoProfissional.objects.create(
                    versao=v,
                    codigo=f"P-{i:04d}",
                    nome=f"Perfil {i}",
                    unidade="hora",
                    preco=Decimal("100.00") + i,
                )
                NivelServico.objects.create(
                    servico_profissional=s, indicador="Prazo", meta="100%", forma_medicao="x"
                )
        if aprovar:
            VersaoCatalogo.objects.filter(pk=v.pk).update(
                situacao="aprovado", data_aprovacao=date(2025, 1, 2), referencia_sei="SEI 123"
            )
            v.refresh_from_db()
        return v

    return _criar
