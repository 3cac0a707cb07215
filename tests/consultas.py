"""Consultas por página, fixadas num número (como o `assert_database_query_count(N)` do Zulip).

Cada constante diz quais consultas a página faz hoje. Uma consulta a mais (ou a menos) quebra o teste, que
lista as consultas feitas: quem mudou a página confere se a diferença é de propósito e ajusta o número aqui,
num lugar só. As páginas com linhas fazem o mesmo número com 10 ou 500 linhas (os testes visitam as duas).
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Toda página autenticada: sessão, usuário, permissões do usuário e dos grupos (2), e a gravação da sessão
# que desliza a expiração (SAVEPOINT, UPDATE, RELEASE).
BASE = 7

# --- painel e contratos ---
# Painel: mapa vigente (id, versão, nº de perfis), as contratações recentes do órgão, a contagem delas,
# catálogos vigentes e em análise, o ACT procurado duas vezes, a fiscalização (períodos do mês, relatórios
# pendentes e a contagem deles)...
PAINEL_FIXAS = BASE + 12
# ... e o resumo de cada contratação recente (itens, OS, linhas de perfil, linhas de nuvem), até 5
# (PAINEL_CONTRATACOES em contratos/selectors.py).
PAINEL_POR_CONTRATACAO = 4


def painel(*, contratacoes: int) -> int:
    return PAINEL_FIXAS + PAINEL_POR_CONTRATACAO * min(contratacoes, 5)


# contagem paginada, mapas do filtro, a página de contratações.
CONTRATACAO_LISTA = BASE + 3
# contratação (com órgão e mapa), itens, OS, linhas de perfil, linhas de nuvem, equipe, mapas vigentes
# (para oferecer a reprecificação).
CONTRATACAO_DETALHE = BASE + 7
# com item de catálogo: os estados das versões dos catálogos (a verificação aponta a versão substituída).
CONTRATACAO_DETALHE_COM_CATALOGO = CONTRATACAO_DETALHE + 1
# contratação, órgãos do usuário, mapas vigentes, equipe (formset).
CONTRATACAO_EDITAR = BASE + 4
# OS (com item e contratação), perfis do mapa fixado, o resumo da contratação (itens, OS, linhas de perfil,
# linhas de nuvem) e os itens de perfis da escolha de item (2).
OS_EDITAR = BASE + 8
# OS (com item, contratação e órgão), as suas linhas com o perfil e a equipe (os campos de assinatura).
OS_IMPRIMIR = BASE + 3
# contratação, itens, OS, linhas de perfil, linhas de nuvem e os perfis do mapa (aba da versão); a
# verificação normativa (equipe, mapas vigentes) e o registro da exportação (SAVEPOINT, INSERT, RELEASE).
ANEXO_A = BASE + 11
# item (com contratação), versão do catálogo, serviços da versão, o resumo (item, OS, linhas de perfil,
# linhas de nuvem).
ITEM_NUVEM = BASE + 7
# o mesmo, com a consulta das linhas profissionais no resumo.
ITEM_PROFISSIONAL = ITEM_NUVEM + 1

# --- mapa salarial ---
# versão padrão (id vigente, versão), famílias, contagem, estados das versões (id vigente, versões), a
# página de perfis.
MAPA = BASE + 8
# com ?versao= no endereço: a versão pedida e a validação do filtro (o formulário ligado).
MAPA_VERSAO_PEDIDA = MAPA + 2
# versão vigente (id, versão), as duas versões escolhidas e as do seletor (4), os perfis das duas (2),
# a contagem das versões comparáveis e as versões do formulário (2).
MAPA_COMPARAR = BASE + 10
# versão e perfis (CSV ou XLSX).
MAPA_EXPORTAR = BASE + 2

# --- catálogo ---
# contagem das versões, a página de versões, vigentes por tipo (2), versões vigentes e em análise (3).
CATALOGO_INICIO = BASE + 7
# versão, vigentes (para o selo), contagem dos serviços, níveis da versão, a página de serviços e os seus
# níveis.
CATALOGO_SERVICOS = BASE + 6
# a página do catálogo vigente procura a versão vigente duas vezes (id e versão, 2) antes do mesmo trabalho.
CATALOGO_VIGENTE = CATALOGO_SERVICOS + 2
# as duas versões (a comparação lê os serviços de cada uma pela versão já carregada).
CATALOGO_COMPARAR = BASE + 2
# versão, serviços, níveis.
CATALOGO_EXPORTAR = BASE + 3

# --- ACT 142/2024 ---
# acordo, partícipes, representantes, ocorrências próximas e os responsáveis das suas ações.
ACT_DETALHE = BASE + 5
# acordo, partícipes, contagem, a página de ocorrências e responsáveis, totais por situação, ações do
# filtro e os seus responsáveis.
ACT_CRONOGRAMA = BASE + 8
# ocorrência (com ação e acordo), responsáveis, relatórios anexados (monitoramento e balanço) e histórico.
ACT_OCORRENCIA = BASE + 4
# POST que conclui: a ocorrência (autorizar) e, na transação (SAVEPOINT e RELEASE, 2), a ocorrência
# travada, o full_clean (ação e usuário das chaves, a unicidade, quatro restrições de banco com um SAVEPOINT
# cada: 3 + 4 × 3), o UPDATE e o registro do histórico.
ACT_CONCLUIR = BASE + 1 + 2 + 1 + 3 + 12 + 2


@contextmanager
def consultas_exatas(n: int):
    """Falha se o bloco não fizer exatamente `n` consultas, listando as que fez."""
    with CaptureQueriesContext(connection) as contexto:
        yield contexto
    if len(contexto) != n:
        feitas = "\n".join(f"{i}. {c['sql']}" for i, c in enumerate(contexto.captured_queries, 1))
        pytest.fail(f"{len(contexto)} consultas, esperadas {n}:\n{feitas}", pytrace=False)


def visitar(cliente, url, n: int, dados=None, status=200):
    """GET que confere `n` consultas, depois de uma visita que aquece a sessão e os caches do processo
    (tipos de conteúdo), como na navegação de verdade."""
    cliente.get(url, dados)
    with consultas_exatas(n):
        resposta = cliente.get(url, dados)
    assert resposta.status_code == status
    return resposta


# --- fiscalização técnica ---
# período (com OS, contratação, órgão, mapa e item), equipe alocada (com perfis), linhas de perfil da OS,
# relatórios concluídos, perfis do mapa (escolha no formulário).
FISCALIZACAO_PERIODO = BASE + 5
# O Painel com períodos no mês: mais a equipe e as linhas de perfil de todos eles (2, de uma vez).
PAINEL_COM_PERIODOS_NO_MES = 2
# --- propostas ---
# contratação (com órgão e mapa), linhas de perfil (com perfil, OS e item), propostas, ofertas.
PROPOSTAS_ANALISE = BASE + 4
