"""Páginas de erro em português, na casca do produto, e menu/Painel só com o que o perfil abre (issue 10,
defeito 8)."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.template import loader
from django.test import Client, override_settings

from contratos.models import Contratacao
from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE
from tests.conftest import SENHA
from tests.consultas import consultas_exatas

CASCA = ('id="cabecalho"', "PlanejaTIC", "Secretaria de Governo Digital", 'lang="pt-BR"')
INGLES = ("Not Found", "Forbidden", "Server Error", "CSRF verification failed", "Bad Request")


def _na_casca_em_portugues(resposta, titulo, status):
    assert resposta.status_code == status
    html = resposta.content.decode()
    for trecho in (*CASCA, f"<h1>{titulo}</h1>", "O que fazer", "Voltar ao Painel", "equipe responsável"):
        assert trecho in html, trecho
    for trecho in INGLES:
        assert trecho not in html, trecho
    return html


@override_settings(DEBUG=False)
def test_404_em_portugues_com_menu(client_equipe):
    resposta = client_equipe.get("/nao-existe/")
    html = _na_casca_em_portugues(resposta, "Página não encontrada", 404)
    assert "<code>/nao-existe/</code>" in html
    assert 'id="menu-principal"' in html and "Ana Planejadora" in html


@override_settings(DEBUG=False)
def test_404_de_objeto_de_outro_orgao_tambem(perfis):
    cliente = Client()
    cliente.force_login(perfis["equipe"])  # membro do ORGEX; a contratação de exemplo é do órgão EXEMPLO
    resposta = cliente.get(Contratacao.objects.get().get_absolute_url())
    _na_casca_em_portugues(resposta, "Página não encontrada", 404)


@override_settings(DEBUG=False)
def test_404_para_quem_nao_entrou_oferece_entrar(client, db):
    resposta = client.get("/nao-existe/")
    assert resposta.status_code == 404
    html = resposta.content.decode()
    assert "<h1>Página não encontrada</h1>" in html and 'href="/entrar/"' in html
    assert 'id="menu-principal"' not in html


@override_settings(DEBUG=False)
def test_403_em_portugues_diz_quem_entrou_e_o_que_fazer(client_acompanhamento):
    resposta = client_acompanhamento.get("/contratos/contratacoes/")
    html = _na_casca_em_portugues(resposta, "Acesso negado", 403)
    assert "o seu perfil não permite abrir esta página" in html
    assert "Equipe de planejamento" in html
    assert "Seu perfil não dá acesso às contratações dos órgãos." in html  # e não "só permite consultar"


@override_settings(DEBUG=False)
def test_403_mostra_o_motivo_da_pagina(perfis):
    contratacao = Contratacao.objects.get()
    contratacao.orgao.membros.add(perfis["consulta"])
    cliente = Client()
    cliente.force_login(perfis["consulta"])
    resposta = cliente.get(f"/contratos/contratacoes/{contratacao.pk}/editar/")
    html = _na_casca_em_portugues(resposta, "Acesso negado", 403)
    assert "Seu perfil só permite consultar esta contratação." in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.urls_erro")
def test_500_em_portugues_sem_depender_do_banco(client, db):
    cliente = Client(raise_request_exception=False)
    with consultas_exatas(0):
        resposta = cliente.get("/teste/quebrar/")
    html = _na_casca_em_portugues(resposta, "Erro no servidor", 500)
    assert 'href="/static/css/planejatic.css"' in html


def test_500_e_400_desenham_sem_requisicao_nem_banco(db):
    with consultas_exatas(0):
        for nome, titulo in (("500.html", "Erro no servidor"), ("400.html", "Pedido recusado")):
            html = loader.get_template(nome).render()
            assert f"<h1>{titulo}</h1>" in html and "Voltar ao Painel" in html


@override_settings(DEBUG=False)
def test_falha_de_csrf_em_portugues(usuario_equipe):
    cliente = Client(enforce_csrf_checks=True)
    cliente.force_login(usuario_equipe)
    resposta = cliente.post("/contratos/contratacoes/nova/", {"objeto": "x"})
    html = _na_casca_em_portugues(resposta, "Formulário não enviado", 403)
    assert "cookie de segurança" in html and "Nada foi gravado." in html

    cliente.cookies["csrftoken"] = "a" * 32
    resposta = cliente.post("/contratos/contratacoes/nova/", {"objeto": "x", "csrfmiddlewaretoken": "b" * 32})
    assert "a página estava desatualizada" in _na_casca_em_portugues(resposta, "Formulário não enviado", 403)


# --- Menu e Painel por perfil ---

MENU = {
    "Contratações": "/contratos/contratacoes/",
    "Mapa salarial": "/contratos/mapa-salarial/",
    "Catálogos SERPRO": "/catalogo/",
    "ACT 142/2024": "/acordo/",
    "Cronograma do ACT": "/acordo/cronograma/",
    "Acessibilidade": "/acessibilidade/",
}
PERFIS = {
    "equipe": ([EQUIPE], False),
    "consulta": ([CONSULTA], False),
    "administrador de referências": ([ADMINISTRADOR], True),
    "acompanhamento": ([ACOMPANHAMENTO], False),
    "sem grupo": ([], False),
}


@pytest.fixture
def perfis(db, orgao):
    usuarios = {"superusuário": User.objects.create_superuser(username="super", password=SENHA, email="")}
    for nome, (grupos, staff) in PERFIS.items():
        usuario = User.objects.create_user(username=nome.replace(" ", "-"), password=SENHA, is_staff=staff)
        usuario.groups.set(Group.objects.filter(name__in=grupos))
        orgao.membros.add(usuario)
        usuarios[nome] = usuario
    call_command(
        "carregar_referencias", stdout=StringIO()
    )  # mapa, catálogos, ACT e o exemplo do superusuário
    return usuarios


def _links(html, onde):
    bloco = re.search(rf'<(nav|main)[^>]*id="{onde}".*?</\1>', html, flags=re.S).group(0)
    return [h.replace("&amp;", "&") for h in re.findall(r'<a [^>]*href="(/[^"#]*)"', bloco)]


@pytest.mark.parametrize(
    "perfil",
    ["equipe", "consulta", "administrador de referências", "acompanhamento", "superusuário", "sem grupo"],
)
def test_menu_e_painel_mostram_so_o_que_o_perfil_abre(perfis, perfil):
    cliente = Client()
    cliente.force_login(perfis[perfil])
    html = cliente.get("/").content.decode()
    menu = _links(html, "menu-principal")
    painel = _links(html, "conteudo")
    assert menu and painel

    for url in sorted({*menu, *painel}):
        assert cliente.get(url).status_code == 200, (perfil, url)
    # e o que fica de fora do menu é justamente o que o perfil não abre
    for rotulo, url in MENU.items():
        assert (url in menu) == (cliente.get(url).status_code == 200), (perfil, rotulo)
    if perfis[perfil].is_staff:
        assert 'href="/admin/"' in html and cliente.get("/admin/").status_code == 200


def test_quem_nao_abre_contratacoes_nao_as_ve_no_menu_nem_no_painel(perfis):
    for perfil in ("administrador de referências", "acompanhamento"):
        cliente = Client()
        cliente.force_login(perfis[perfil])
        html = cliente.get("/").content.decode()
        assert "/contratos/contratacoes/" not in html, perfil
        assert "Nenhuma contratação" not in html, perfil
        assert 'id="area-catalogo"' in html  # todos os grupos leem os catálogos
    cliente = Client()
    cliente.force_login(perfis["sem grupo"])
    html = cliente.get("/").content.decode()
    assert 'id="area-catalogo"' not in html and "/catalogo/" not in html
