"""Fixtures da estimativa: mapa vigente com perfis reais da Portaria 6.055/2025 e contratações."""

import io
from datetime import date
from decimal import Decimal as D

import pytest

from contratos import referencias, totais
from contratos.models import Contratacao, Item, LinhaPerfil, MapaSalarial, OrdemServico, ValorPerfil

# Perfis da Portaria SGD/MGI nº 6.055/2025 usados nos testes (código, perfil, senioridade, remuneração, K).
PERFIS = (
    ("ASUPCOMP-02", "Analista de suporte computacional", "pleno", "5075.52", "2.12"),
    ("ASUPCOMP-03", "Analista de suporte computacional", "senior", "7487.05", "2.03"),
    ("TECSUP-03", "Técnico de suporte ao usuário de tecnologia da informação", "senior", "3216.87", "2.28"),
    ("GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17851.64", "1.94"),
)

# O conteúdo mínimo de uma OS (9.5.1.1) nos testes que não olham para ele.
CAMPOS_OS = {
    "identificacao": "Sustentação do ambiente",
    "objetivo": "Suporte a usuários",
    "prazo_atendimento": "30 dias corridos",
    "produtos": "Relatório mensal",
}


def criar_mapa(nome, perfis=PERFIS, vigencia=date(2025, 9, 1)):
    mapa = MapaSalarial.objects.create(
        nome_ato=nome,
        numero=nome[-10:],
        anexo="Anexo II da Portaria SGD/MGI nº 1.070/2023",
        data_publicacao=vigencia,
        data_vigencia=vigencia,
        situacao=MapaSalarial.Situacao.VIGENTE,
    )
    ValorPerfil.objects.bulk_create(
        ValorPerfil(mapa=mapa, codigo=c, perfil=p, senioridade=s, remuneracao=D(r), fator_k=D(k))
        for c, p, s, r, k in perfis
    )
    return mapa


@pytest.fixture
def mapa(db):
    return criar_mapa("Portaria SGD/MGI nº 6.055/2025")


@pytest.fixture
def mapa_novo(db):
    """Versão fictícia posterior: ASUPCOMP-02 mais cara, sem TECSUP-03."""
    perfis = [
        ("ASUPCOMP-02", "Analista de suporte computacional", "pleno", "5200.00", "2.12"),
        ("ASUPCOMP-03", "Analista de suporte computacional", "senior", "7487.05", "2.03"),
        ("GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17851.64", "2.00"),
    ]
    return criar_mapa("Portaria fictícia de teste nº 9.999/2026", perfis, vigencia=date(2026, 9, 1))


@pytest.fixture
def nova_contratacao(orgao, mapa):
    def _criar(org=None, **extra):
        dados = {
            "orgao": org or orgao,
            "objeto": "Operação de infraestrutura e atendimento a usuários de TIC",
            "numero_processo": "19974.000001/2026-01",
            "mapa": mapa,
        }
        dados.update(extra)
        return Contratacao.objects.create(**dados)

    return _criar


def adicionar_os(contratacao, linhas, *, item_numero=1, numero="OS nº 001/2026"):
    """Item (criado ou reaproveitado) e uma OS com `linhas` = [(código, qtd., K ou None, justificativa)]."""
    item, _ = Item.objects.get_or_create(
        contratacao=contratacao, numero=item_numero, defaults={"descricao": f"Item {item_numero}"}
    )
    ordem = OrdemServico.objects.create(item=item, contratacao=contratacao, numero=numero, **CAMPOS_OS)
    perfis = {v.codigo: v for v in contratacao.mapa.valores.all()}
    LinhaPerfil.objects.bulk_create(
        LinhaPerfil(
            ordem=ordem,
            perfil=perfis[codigo],
            quantidade=quantidade,
            fator_k=D(k) if k else perfis[codigo].fator_k,
            fator_k_referencia=perfis[codigo].fator_k,
            justificativa=justificativa,
        )
        for codigo, quantidade, k, justificativa in linhas
    )
    # As linhas entram direto no banco (rápido); o total guardado segue a regra dos serviços.
    totais.gravar(contratacao_id=contratacao.pk, ordens=[ordem.pk])
    return ordem


def dados_contratacao(contratacao, *, meses="12", equipe=(), **outros) -> dict:
    """POST do formulário da contratação com os dados dela; `equipe` = [(nome, papel)] novos, `outros`
    acrescenta ou troca campos (a versão lida, o mapa, os campos ocultos)."""
    dados = {
        "objeto": contratacao.objeto,
        "numero_processo": contratacao.numero_processo,
        "uasg": "",
        "meses": meses,
        "situacao": "rascunho",
        "equipe-TOTAL_FORMS": str(len(equipe)),
        "equipe-INITIAL_FORMS": "0",
    }
    for i, (nome, papel) in enumerate(equipe):
        dados[f"equipe-{i}-nome"] = nome
        dados[f"equipe-{i}-papel"] = papel
    return {**dados, **outros}


@pytest.fixture
def exemplo(nova_contratacao):
    """Exemplo trabalhado (DESIGN.md §4.3): 2 × ASUPCOMP-02 + 1 × GERINF."""
    contratacao = nova_contratacao()
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    return contratacao


@pytest.fixture
def contratacao_com(nova_contratacao):
    """Contratação com `linhas` linhas em 2 itens e várias OS (para contar consultas)."""

    def _criar(linhas, por_os=25):
        contratacao = nova_contratacao(numero_processo=f"19974.{linhas:06d}/2026-01")
        codigos = [p[0] for p in PERFIS]
        for indice_os in range((linhas + por_os - 1) // por_os):
            quantas = min(por_os, linhas - indice_os * por_os)
            adicionar_os(
                contratacao,
                [(codigos[i % len(codigos)], 1 + i % 3, None, "") for i in range(quantas)],
                item_numero=1 + indice_os % 2,
                numero=f"OS nº {indice_os + 1:03d}/2026",
            )
        return contratacao

    return _criar


@pytest.fixture
def semente(db):
    """A versão do mapa da Portaria SGD/MGI nº 6.055/2025 carregada como em produção (35 perfis)."""
    referencias.carregar(saida=io.StringIO())
    return MapaSalarial.objects.get(nome_ato=referencias.ATO)
