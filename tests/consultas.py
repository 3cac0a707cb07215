"""Consultas por página, fixadas num número (como o `assert_database_query_count(N)` do Zulip).

Cada constante diz quais consultas a página faz hoje. Uma consulta a mais (ou a menos) quebra o teste, que
lista as consultas feitas: quem mudou a página confere se a diferença é de propósito e ajusta o número aqui,
num lugar só. As páginas com linhas fazem o mesmo número com 10 ou 500 linhas (os testes visitam as duas).
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Toda página autenticada: sessão, usuário e as permissões do usuário e dos grupos numa consulta só
# (contas/autenticacao.py; eram 2). A sessão não é mais regravada a cada página, só uma vez por minuto
# (config/middleware.py): `visitar` aquece com uma visita que a grava, e a visita contada não grava
# (eram mais 3: SAVEPOINT, UPDATE, RELEASE). Issue 19: 7 → 3.
BASE = 3

# --- painel e contratos ---
# Painel: mapa vigente (id; versão com o nº de perfis), as contratações recentes do órgão com o valor mensal
# guardado (contratos/totais.py), a contagem delas, catálogos vigentes e em análise, o ACT procurado duas
# vezes, a fiscalização (períodos do mês, relatórios pendentes e a contagem deles). O número não depende de
# quantas contratações recentes há nem do tamanho delas: os totais não são recalculados a cada visita.
PAINEL = BASE + 11


def painel(*, contratacoes: int) -> int:
    """O mesmo número com 0, 1 ou 5 contratações recentes, pequenas ou enormes."""
    return PAINEL


# contagem paginada, mapas do filtro, os pks da página (pelo índice ou pela ordem pedida) e as contratações
# da página com os itens contados só nelas (contar na consulta da página agrupava todas antes do LIMIT,
# issue 19); o valor mensal é o guardado na contratação, sem consulta a mais.
CONTRATACAO_LISTA = BASE + 4
# contratação (com órgão e mapa), itens com as OS e as linhas de perfil (uma consulta: core.consultas),
# equipe, mapas vigentes (para oferecer a reprecificação).
CONTRATACAO_DETALHE = BASE + 4
# com item de catálogo: as linhas do tipo do item e os estados das versões dos catálogos (a verificação
# aponta a versão substituída).
CONTRATACAO_DETALHE_COM_CATALOGO = CONTRATACAO_DETALHE + 2
# contratação, órgãos do usuário, mapas vigentes, equipe (formset).
CONTRATACAO_EDITAR = BASE + 4
# OS (com item e contratação), as linhas dela com o perfil, perfis do mapa fixado e os itens de perfis da
# escolha de item (2). As outras OS entram pelos totais guardados: nada cresce com o tamanho da contratação.
OS_EDITAR = BASE + 5
# Total ao vivo da OS: contratação, OS (com item), itens de perfis e perfis do mapa; as linhas gravadas não
# são lidas (o total só calcula as enviadas). Eram 5 com as linhas.
OS_AO_VIVO = BASE + 4
# OS (com item, contratação e órgão), as suas linhas com o perfil e a equipe (os campos de assinatura).
OS_IMPRIMIR = BASE + 3
# contratação, itens com as OS e as linhas de perfil, os perfis do mapa (aba da versão); a verificação
# normativa (equipe, mapas vigentes) e o registro da exportação (SAVEPOINT, INSERT, RELEASE).
ANEXO_A = BASE + 8
# item (com contratação), versão do catálogo, serviços da versão e as linhas do item (o resto da
# contratação entra pelos totais guardados).
ITEM_NUVEM = BASE + 4
# o mesmo com serviços profissionais.
ITEM_PROFISSIONAL = ITEM_NUVEM

# --- mapa salarial ---
# versão padrão (id vigente, versão), famílias, contagem, estados das versões (id vigente, versões), a
# página de perfis.
MAPA = BASE + 8
# com ?versao= no endereço: a versão pedida e a validação do filtro (o formulário ligado).
MAPA_VERSAO_PEDIDA = MAPA + 2
# versão vigente (id, versão), as duas versões escolhidas e as do seletor (4), os perfis das duas (2),
# a contagem das versões comparáveis e as versões do formulário (2).
MAPA_COMPARAR = BASE + 10
# Toda exportação registra o arquivo (core.exportacoes, DESIGN.md §5): SAVEPOINT, INSERT, RELEASE.
REGISTRO_DA_EXPORTACAO = 3
# versão e perfis (CSV ou XLSX) e o registro.
MAPA_EXPORTAR = BASE + 2 + REGISTRO_DA_EXPORTACAO

# --- catálogo ---
# contagem das versões, a página de versões, os estados das versões da página, as publicadas (vigentes por
# tipo, estados derivados delas: core.versoes.estados_de), versões vigentes e em análise.
CATALOGO_INICIO = BASE + 6
# versão, vigentes (para o selo), contagem dos serviços, níveis da versão, a página de serviços e os seus
# níveis.
CATALOGO_SERVICOS = BASE + 6
# a página do catálogo vigente lê as publicadas para achar a vigente (que já vem com o estado) em vez de ler
# a versão pedida: o mesmo número.
CATALOGO_VIGENTE = CATALOGO_SERVICOS
# as duas versões (a comparação lê os serviços de cada uma pela versão já carregada).
CATALOGO_COMPARAR = BASE + 2
# versão, serviços, níveis e o registro.
CATALOGO_EXPORTAR = BASE + 3 + REGISTRO_DA_EXPORTACAO

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
