"""Fixtures do catálogo: o exemplo carregado pelo mesmo caminho do `make run` e versões sob medida."""

import io
from datetime import date
from decimal import Decimal

import pytest

from catalogo import referencias
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo

# Por tipo: modelo do serviço, dono do nível de serviço, o nível, prefixo do código, nome e demais campos.
SERVICOS_POR_TIPO = {
    VersaoCatalogo.Tipo.NUVEM: (
        ServicoNuvem,
        "servico_nuvem",
        {"indicador": "Disponibilidade", "meta": "99,9%"},
        "S",
        "Serviço",
        lambda i: {
            "categoria": ["computacao", "rede", "backup"][i % 3],
            "unidade_medida": "GB/mês",
            "preco_unitario": Decimal("0.1234") + i,
        },
    ),
    VersaoCatalogo.Tipo.PROFISSIONAIS: (
        ServicoProfissional,
        "servico_profissional",
        {"indicador": "Prazo", "meta": "100%"},
        "P",
        "Perfil",
        lambda i: {"unidade": "hora", "preco": Decimal("100.00") + i},
    ),
}


def servicos_nuvem(versao, linhas) -> list[ServicoNuvem]:
    """Serviços de nuvem da versão, ainda não gravados: `linhas` = [(código, categoria, unidade, preço, ...)]
    (o formato de tests.contratos.test_nuvem.SERVICOS), com o nome "Serviço <código>"."""
    return [
        ServicoNuvem(
            versao=versao,
            codigo=codigo,
            nome=f"Serviço {codigo}",
            categoria=categoria,
            unidade_medida=unidade,
            preco_unitario=Decimal(preco),
        )
        for codigo, categoria, unidade, preco, *_ in linhas
    ]


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
        modelo, dono, nivel, prefixo, nome, campos = SERVICOS_POR_TIPO[tipo]
        servicos = modelo.objects.bulk_create(
            modelo(versao=v, codigo=f"{prefixo}-{i:04d}", nome=f"{nome} {i}", **campos(i)) for i in range(n)
        )
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
