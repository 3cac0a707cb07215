"""Toda rota nomeada do projeto exige login e a permissão certa (DESIGN.md §5).

As rotas vêm do próprio `get_resolver()`: uma página nova entra no teste sem que ninguém lembre dela, e a
que tem argumentos e não tem exemplo em ARGUMENTOS faz o teste falhar pedindo um.
- anônimo → redirecionado para a entrada (GET e POST);
- usuário autenticado sem nenhum papel (e de nenhum órgão) → 403 ("ainda sem acesso", contas/middleware.py)
  ou 404; e com um papel que não dá a permissão da página → 403 da própria view ou 404; nunca 200 com dado.
"""

import io
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from acordo import referencias as referencias_acordo
from acordo.models import Ocorrencia
from catalogo import referencias as referencias_catalogo
from catalogo.models import VersaoCatalogo
from contratos.fiscalizacao.models import EmissaoOS, PeriodoFiscalizacao
from contratos.fiscalizacao.services import relatorio_concluir
from contratos.models import Contratacao
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.contratos.fiscalizacao.conftest import alocar


def _padroes(padroes=None, namespace=""):
    for padrao in get_resolver().url_patterns if padroes is None else padroes:
        if isinstance(padrao, URLResolver):
            interno = f"{namespace}{padrao.namespace}:" if padrao.namespace else namespace
            yield from _padroes(padrao.url_patterns, interno)
        elif isinstance(padrao, URLPattern) and padrao.name:
            yield f"{namespace}{padrao.name}", padrao


PADROES = dict(_padroes())
ROTAS = sorted(PADROES)
ROTAS_DO_ADMIN = [r for r in ROTAS if r.startswith("admin:")]
ROTAS_DO_PRODUTO = [r for r in ROTAS if not r.startswith("admin:")]

# Públicas de propósito, com o motivo. (Os estáticos não têm rota: o WhiteNoise os serve antes do URLconf.)
PUBLICAS = {
    "login": "é a própria entrada; quem já entrou volta ao painel",
    "acessibilidade": "a declaração de acessibilidade é pública (eMAG); não mostra dado",
    "contas:govbr_entrar": "começa a entrada pelo gov.br: só redireciona ao provedor",
    "contas:govbr_retorno": "volta do gov.br: sem state válido, recusa e manda à entrada",
    "password_reset": "esqueci a senha: o formulário do e-mail, sem dizer se a conta existe",
    "password_reset_done": "aviso de e-mail enviado, igual para qualquer endereço",
    "password_reset_confirm": "o link do e-mail: sem token válido, diz que o link não vale",
    "password_reset_complete": "aviso de senha redefinida, sem dado",
    "acordo:assinatura": "calendário assinável: o segredo está na URL; token errado responde 404",
    "acordo:assinatura_participe": "o mesmo, por partícipe",
}


def _painel_sem_as_areas_fechadas(client, url):
    """Página de entrada de quem entrou: sem grupo, nenhum cartão das áreas que o perfil não abre."""
    resposta = client.get(url)
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert not any(f'id="area-{area}"' in html for area in ("acordo", "catalogo", "contratos"))
    assert "/acordo/" not in html and "/catalogo/" not in html and "/contratos/" not in html


def _sair_so_encerra_a_sessao(client, url):
    """Sair (só POST) encerra a sessão de qualquer pessoa que entrou; não mostra dado."""
    assert client.get(url).status_code == 405
    assert client.post(url).status_code in (200, 302)
    assert _vai_para(client.get(reverse("painel")), resolve_url(settings.LOGIN_URL))


# Abrem para quem entrou, mesmo sem grupo, sem mostrar dado: o que se confere em cada uma.
def _so_a_propria_conta(client, url):
    """Minha conta, suas sessões e a página "ainda sem acesso": só dados de quem entrou."""
    resposta = client.get(url)
    assert resposta.status_code in (200, 302, 405)
    assert "Operação de TIC" not in resposta.content.decode()


ABERTAS_A_QUEM_ENTROU = {
    "painel": _painel_sem_as_areas_fechadas,
    "logout": _sair_so_encerra_a_sessao,
    "contas:minha_conta": _so_a_propria_conta,
    "contas:encerrar_outras": _so_a_propria_conta,
    "contas:sem_acesso": _so_a_propria_conta,
    "password_change": _so_a_propria_conta,
    "password_change_done": _so_a_propria_conta,
}
# O admin tem o seu portão (is_staff e as permissões de cada modelo): quem não é da equipe vai para a
# entrada do admin, nunca vê uma página dele.
PUBLICAS_DO_ADMIN = {
    "admin:login": "a entrada do admin; mostra só o formulário",
}


@pytest.fixture
def exemplos(db, orgao):
    """Um objeto de cada tipo que as rotas pedem: o ACT, os catálogos, o mapa e uma contratação com OS."""
    referencias_acordo.carregar(saida=io.StringIO())
    referencias_catalogo.carregar(saida=io.StringIO())
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Operação de TIC", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    ordem = adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, "")])
    periodo = PeriodoFiscalizacao.objects.create(
        emissao=EmissaoOS.objects.create(ordem=ordem, data_emissao=date(2026, 3, 2)),
        competencia=date(2026, 3, 1),
    )
    alocar(periodo, 1)
    relatorio_concluir(periodo=periodo, usuario=None, agora=timezone.now())
    return {
        "periodo": periodo,
        "mapa": mapa,
        "contratacao": contratacao,
        "item": ordem.item,
        "os": ordem,
        "ocorrencia": Ocorrencia.objects.order_by("pk").first(),
        "versao": VersaoCatalogo.objects.filter(situacao__in=VersaoCatalogo.PUBLICADAS).first(),
    }


# Argumentos de cada rota que os pede, a partir dos exemplos.
ARGUMENTOS = {
    "catalogo:versao": lambda e: {"pk": e["versao"].pk},
    "catalogo:exportar": lambda e: {"pk": e["versao"].pk, "formato": "csv"},
    "catalogo:modelo": lambda e: {"tipo": "nuvem", "formato": "xlsx"},
    "catalogo:vigente": lambda e: {"tipo": e["versao"].tipo},
    "contratos:mapa_exportar": lambda e: {"pk": e["mapa"].pk, "formato": "csv"},
    "contratos:mapa_modelo": lambda e: {"formato": "xlsx"},
    "contratos:proposta_editar": lambda e: {"pk": 1},
    "contratos:proposta_excluir": lambda e: {"pk": 1},
    "acordo:ocorrencia": lambda e: {"pk": e["ocorrencia"].pk},
    "acordo:concluir": lambda e: {"pk": e["ocorrencia"].pk},
    "acordo:reabrir": lambda e: {"pk": e["ocorrencia"].pk},
    "acordo:ics_participe": lambda e: {"sigla": "SERPRO"},
    "acordo:relatorio_anexado": lambda e: {"pk": 1},
    "contas:pessoas": lambda e: {"pk": e["contratacao"].orgao_id},
    "contas:pessoa_convidar": lambda e: {"pk": e["contratacao"].orgao_id},
    "contas:pessoa_adicionar": lambda e: {"pk": e["contratacao"].orgao_id},
    "contas:auditoria": lambda e: {"pk": e["contratacao"].orgao_id},
    "contas:pessoa_papeis": lambda e: {"pk": e["contratacao"].orgao_id, "pessoa": 1},
    "contas:pessoa_remover": lambda e: {"pk": e["contratacao"].orgao_id, "pessoa": 1},
    "contratos:fiscalizacao_periodo_abrir": lambda e: {"pk": e["periodo"].emissao_id},
    "contratos:fiscalizacao_alocado_editar": lambda e: {"pk": e["periodo"].alocados.get().pk},
    "contratos:fiscalizacao_alocado_excluir": lambda e: {"pk": e["periodo"].alocados.get().pk},
    "contratos:fiscalizacao_relatorio": lambda e: {"pk": e["periodo"].relatorios.get().pk},
    "contratos:fiscalizacao_relatorio_xlsx": lambda e: {"pk": e["periodo"].relatorios.get().pk},
    "password_reset_confirm": lambda e: {"uidb64": "MQ", "token": "invalido"},
    "acordo:assinatura": lambda e: {"token": "token-que-nao-existe"},
    "acordo:assinatura_participe": lambda e: {"token": "token-que-nao-existe", "sigla": "SERPRO"},
}
for _nome in ("os", "emitir"):
    ARGUMENTOS[f"contratos:fiscalizacao_{_nome}"] = lambda e: {"pk": e["os"].pk}
for _nome in ("periodo", "alocado_novo", "avaliacao", "concluir", "importar"):
    ARGUMENTOS[f"contratos:fiscalizacao_{_nome}"] = lambda e: {"pk": e["periodo"].pk}
for _nome in ("monitoramento", "balanco"):
    for _sufixo in ("mes", "xlsx", "imprimir"):
        ARGUMENTOS[f"acordo:{_nome}_{_sufixo}"] = lambda e: {"ano": 2025, "mes": 6}
for _nome in ROTAS_DO_PRODUTO:
    for _prefixo, _objeto in (("contratacao_", "contratacao"), ("item_", "item"), ("os_", "os")):
        if _nome.startswith(f"contratos:{_prefixo}"):
            ARGUMENTOS.setdefault(_nome, lambda e, objeto=_objeto: {"pk": e[objeto].pk})


def _url(nome, exemplos):
    if not PADROES[nome].pattern.regex.groups:
        return reverse(nome)
    assert nome in ARGUMENTOS, f"A rota {nome} pede argumentos: acrescente um exemplo em ARGUMENTOS."
    return reverse(nome, kwargs=ARGUMENTOS[nome](exemplos))


def _vai_para(resposta, destino):
    return resposta.status_code == 302 and urlsplit(resposta["Location"]).path == destino


def test_as_rotas_foram_encontradas():
    """Se o percurso parar de achar as rotas, os testes abaixo passariam sem conferir nada."""
    assert {"painel", "catalogo:versao", "contratos:os_editar", "acordo:cronograma", "acordo:ics"} <= set(
        ROTAS_DO_PRODUTO
    )
    assert len(ROTAS_DO_ADMIN) > 50
    assert set(PUBLICAS) | set(ABERTAS_A_QUEM_ENTROU) <= set(ROTAS_DO_PRODUTO)


@pytest.mark.parametrize("nome", sorted(set(ROTAS_DO_PRODUTO) - set(PUBLICAS)))
def test_anonimo_vai_para_a_entrada_e_sem_grupo_recebe_403_ou_404(nome, client, exemplos, criar_usuario):
    url = _url(nome, exemplos)
    entrada = resolve_url(settings.LOGIN_URL)
    for metodo in (client.get, client.post):
        resposta = metodo(url)
        assert _vai_para(resposta, entrada), (metodo.__name__, resposta.status_code)

    sem_papel = criar_usuario("sem-papel")
    # um papel que nenhuma página do produto pede: a recusa vem da própria view, não do portão de contas
    papel_alheio = criar_usuario("papel-alheio")
    papel_alheio.user_permissions.add(Permission.objects.get(codename="view_group"))
    # as páginas de contas não passam pelo portão "sem papel": a recusa vem delas mesmas
    sem_acesso = "Acesso negado" if nome.startswith("contas:") else "Sua conta ainda não tem acesso"
    for usuario, recusa in ((sem_papel, sem_acesso), (papel_alheio, "Acesso negado")):
        client.force_login(usuario)
        if nome in ABERTAS_A_QUEM_ENTROU:
            ABERTAS_A_QUEM_ENTROU[nome](client, url)
            continue
        resposta = client.get(url)
        post = client.post(url)  # as escritas, sem dado: a recusa vem antes de validar
        situacoes = {resposta.status_code, post.status_code}
        # 405: o método que a rota não atende; o outro tem de ser recusado por permissão (403) ou escopo (404)
        assert situacoes <= {403, 404, 405} and situacoes & {403, 404}, (
            resposta.status_code,
            post.status_code,
        )
        for recusada in (r for r in (resposta, post) if r.status_code == 403):
            assert recusa in recusada.content.decode(), usuario


@pytest.mark.parametrize("nome", sorted(PUBLICAS))
def test_publicas_de_proposito_abrem_sem_login_e_nao_mostram_dado(nome, client, exemplos):
    resposta = client.get(_url(nome, exemplos))
    # 302: o gov.br redireciona; 404: gov.br não configurado (o padrão, sem as variáveis de ambiente)
    assert resposta.status_code in (200, 302, 404, 405), PUBLICAS[nome]
    assert exemplos["contratacao"].objeto not in resposta.content.decode()


@pytest.mark.parametrize("nome", sorted(set(ROTAS_DO_ADMIN) - set(PUBLICAS_DO_ADMIN)))
def test_admin_manda_quem_nao_e_da_equipe_para_a_entrada(nome, client, criar_usuario):
    # o portão do admin vem antes de buscar o objeto: qualquer argumento serve
    valores = {"app_label": "acordo", "url": "qualquer"}
    regex = PADROES[nome].pattern.regex
    if regex.groupindex:
        url = reverse(nome, kwargs={k: valores.get(k, "1") for k in regex.groupindex})
    else:  # o histórico do simple-history usa grupos sem nome
        url = reverse(nome, args=["1"] * regex.groups)
    anonimo = client.get(url)
    assert anonimo.status_code == 302
    assert urlsplit(anonimo["Location"]).path in (resolve_url(settings.LOGIN_URL), reverse("admin:login"))
    client.force_login(criar_usuario("sem-grupo"))
    resposta = client.get(url)
    assert resposta.status_code == 302
    assert urlsplit(resposta["Location"]).path in (reverse("admin:login"), reverse("admin:index"))
