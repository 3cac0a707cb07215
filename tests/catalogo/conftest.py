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
        if tipo == VersaoCatalogo.Tipo.NUVEM:
            dono = "servico_nuvem"
            servicos = ServicoNuvem.objects.bulk_create(
                ServicoNuvem(
                    versao=v,
                    codigo=f"S-{i:04d}",
                    nome=f"Serviço {i}",
                    categoria=["computacao", "rede", "backup"][i % 3],
                    unidade_medida="GB/mês",
                    preco_unitario=Decimal("0.1234") + i,
                )
                for i in range(n)
            )
            nivel = {"indicador": "Disponibilidade", "meta": "99,9%"}
        else:
            dono = "servico_profissional"
            servicos = ServicoProfissional.objects.bulk_create(
                ServicoProfissional(
                    versao=v,
                    codigo=f"P-{i:04d}",
                    nome=f"Perfil {i}",
                    unidade="hora",
                    preco=Decimal("100.00") + i,
                )
                for i in range(n)
            )
            nivel = {"indicador": "Prazo", "meta": "100%"}
        NivelServico.objects.bulk_create(
            NivelServico(**{dono: s}, **nivel, forma_medicao="x") for s in servicos
        )
        if aprovar:
            VersaoCatalogo.objects.filter(pk=v.pk).update(
                situacao="aprovado", data_aprovacao=date(2025, 1, 2), referencia_sei="SEI 123"
            )
            v.refresh_from_db()
        return v

    return _criar
