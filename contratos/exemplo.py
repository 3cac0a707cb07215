"""Dados de exemplo para experimentar logo no primeiro acesso (`make run`): órgão e contratação fictícios.

A contratação é o exemplo trabalhado do DESIGN.md §4.3: 2 × ASUPCOMP-02 + 1 × GERINF no mapa 6.055/2025,
R$ 56.152,38 por mês e R$ 673.828,56 por ano.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from contratos import services
from contratos.models import Contratacao, Item, LinhaPerfil, MapaSalarial, OrdemServico, Orgao
from core.grupos import EQUIPE

SIGLA = "EXEMPLO"
NOME = "Órgão de Exemplo (dados fictícios)"
PROCESSO = "00000.000001/2026-00"
OBJETO = (
    "EXEMPLO FICTÍCIO – Serviços de operação de infraestrutura e atendimento a usuários de TIC "
    "(Portaria SGD/MGI nº 1.070/2023)"
)
LINHAS = (("ASUPCOMP-02", 2), ("GERINF", 1))


def carregar(*, mapa: MapaSalarial) -> str:
    """Idempotente: o órgão e a contratação são criados uma vez; os superusuários entram na equipe.

    Sem superusuário, ninguém entraria para ver o exemplo: nada se cria (`make run` cria um antes).
    """
    superusuarios = list(get_user_model().objects.filter(is_superuser=True))
    if not superusuarios:
        return "Exemplo: nenhum superusuário ainda; rode `manage.py garantir_acesso` e carregue de novo."
    mapa = MapaSalarial.objects.get(pk=mapa.pk)  # a carga pode ter acabado de publicá-la
    orgao, _ = Orgao.objects.get_or_create(sigla=SIGLA, defaults={"nome": NOME})
    orgao.membros.add(*superusuarios)
    equipe, _ = Group.objects.get_or_create(name=EQUIPE)
    equipe.user_set.add(*superusuarios)
    if Contratacao.objects.filter(orgao=orgao, numero_processo=PROCESSO).exists():
        return f"Exemplo: contratação {PROCESSO} já existe ({len(superusuarios)} superusuário(s) na equipe)."
    contratacao = services.contratacao_salvar(
        contratacao=Contratacao(orgao=orgao, objeto=OBJETO, numero_processo=PROCESSO, mapa=mapa, meses=12),
        equipe=[
            ("Pessoa fictícia A", "requisitante"),
            ("Pessoa fictícia B", "tecnico"),
            ("Pessoa fictícia C", "administrativo"),
        ],
    )
    item = services.item_salvar(
        item=Item(
            contratacao=contratacao, numero=1, descricao="Suporte a usuários e operação de infraestrutura"
        )
    )
    perfis = {v.codigo: v for v in mapa.valores.filter(codigo__in=[c for c, _ in LINHAS])}
    services.ordem_servico_salvar(
        ordem=OrdemServico(
            item=item,
            contratacao=contratacao,
            numero="OS nº 001/2026",
            identificacao="Sustentação do ambiente de atendimento (exemplo)",
            objetivo="Prestar suporte aos usuários e gerir a infraestrutura de TIC do órgão.",
            prazo_atendimento="30 dias corridos a partir da emissão da OS",
            produtos="Relatório mensal de atendimentos\nInventário atualizado da infraestrutura",
        ),
        linhas=[
            LinhaPerfil(
                perfil=perfis[codigo],
                quantidade=quantidade,
                fator_k=perfis[codigo].fator_k,
                fator_k_referencia=perfis[codigo].fator_k,
            )
            for codigo, quantidade in LINHAS
        ],
    )
    return f"Exemplo: órgão {SIGLA} e contratação {PROCESSO} criados (R$ 56.152,38 por mês)."
