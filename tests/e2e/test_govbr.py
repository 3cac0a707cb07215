"""Entrar com gov.br contra um provedor OpenID de verdade (oidc-provider, tests/oidc/provedor.mjs, em
127.0.0.1): a primeira entrada cria a conta sem papel; state adulterado, código vencido e código repetido são
recusados com a mensagem em português, e nada entra."""

import os
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
from playwright.sync_api import expect

from contas.models import EventoAuditoria, IdentidadeGovbr

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RAIZ = Path(__file__).resolve().parents[2]
CPF = "52998224725"  # conta de teste do provedor (CPF válido de exemplo)
TTL_CODIGO = 4  # segundos de vida do código no provedor de teste
CLIENTE, SEGREDO = "planejatic-teste", "segredo-do-cliente-de-teste"


@pytest.fixture(scope="module")
def provedor(live_server):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):  # na CI o teste do gov.br não pode sumir em silêncio
            pytest.fail("node não encontrado: o provedor OpenID de teste precisa dele")
        pytest.skip("node não encontrado: o provedor OpenID de teste precisa dele")
    ambiente = {
        **os.environ,
        "OIDC_REDIRECT_URIS": f"{live_server.url}/contas/govbr/retorno/",
        "OIDC_CLIENT_ID": CLIENTE,
        "OIDC_CLIENT_SECRET": SEGREDO,
        "OIDC_TTL_CODIGO": str(TTL_CODIGO),
    }
    processo = subprocess.Popen(
        [node, str(RAIZ / "tests" / "oidc" / "provedor.mjs")],
        cwd=RAIZ,
        env=ambiente,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        linha = processo.stdout.readline()
        assert linha.startswith("PRONTO "), f"o provedor não subiu: {linha!r}"
        yield linha.split()[1]
    finally:
        processo.terminate()
        processo.wait(timeout=10)


@pytest.fixture
def govbr(provedor, settings):
    settings.GOVBR_OIDC_EMISSOR = provedor
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provedor}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provedor}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provedor}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provedor}/jwk"
    settings.OIDC_RP_CLIENT_ID = CLIENTE
    settings.OIDC_RP_CLIENT_SECRET = SEGREDO
    return provedor


@pytest.fixture
def janela(navegador):
    contexto = navegador.new_context(locale="pt-BR")
    pagina = contexto.new_page()
    pagina.set_default_timeout(15000)
    yield pagina
    contexto.close()


def _passar_pelo_provedor(pagina, live_server, capturadas=None, cpf=CPF):
    """Clica em "Entrar com gov.br" e faz o que o provedor pedir (entrar, consentir) até voltar ao app."""
    antes = len(capturadas) if capturadas is not None else 0
    pagina.goto(f"{live_server.url}/entrar/")
    pagina.get_by_role("link", name="Entrar com gov.br").click()
    for _ in range(150):
        if capturadas and len(capturadas) > antes:
            return capturadas[-1]
        if pagina.url.startswith(live_server.url) and "/entrar/" not in pagina.url:
            return pagina.url
        if pagina.locator("input[name=login]").count():
            pagina.fill("input[name=login]", cpf)
            pagina.fill("input[name=password]", "qualquer")
            pagina.locator("button[type=submit]").click()
        elif pagina.get_by_role("button", name="Continue").count():
            pagina.get_by_role("button", name="Continue").click()
        pagina.wait_for_timeout(100)
    raise AssertionError(f"não voltou do provedor: {pagina.url}")


def _capturar_retorno(pagina, provedor):
    """Segura o retorno do gov.br (sem entregá-lo ao app) e devolve a lista onde as URLs chegam.

    O Playwright não intercepta os saltos de um redirecionamento, e o retorno chega sempre por um: os passos
    que terminam nele (o "Entrar com gov.br" do app e os formulários do provedor) são seguidos aqui, salto a
    salto, com os cookies do navegador, até o endereço de retorno, que é guardado em vez de aberto."""
    capturadas = []

    def _seguir(rota):
        resposta = rota.fetch(max_redirects=0)
        primeira = True
        while 300 <= resposta.status < 400:
            destino = urljoin(resposta.url, resposta.headers["location"])
            if "/contas/govbr/retorno/" in destino:
                capturadas.append(destino)
                rota.fulfill(status=200, content_type="text/plain", body="retorno capturado")
                return
            resposta = pagina.context.request.get(destino, max_redirects=0)
            primeira = False
        if primeira:
            rota.fulfill(response=resposta)
        else:  # uma página do provedor (entrar, consentir): o navegador a abre no endereço dela
            rota.fulfill(status=303, headers={"Location": resposta.url})

    pagina.route("**/contas/govbr/entrar/**", _seguir)
    pagina.route(f"{provedor}/interaction/**", _seguir)
    return capturadas


def _soltar(pagina):
    pagina.unroute_all()


def _com(url, **trocas):
    partes = urlparse(url)
    consulta = {k: v[0] for k, v in parse_qs(partes.query).items()} | trocas
    return partes._replace(query=urlencode(consulta)).geturl()


def _mensagem(pagina):
    return pagina.locator(".br-message.danger")


def test_primeira_entrada_cria_conta_sem_papel_e_mostra_quem_concede(
    janela, live_server, govbr, criar_usuario, orgao, axe
):
    from core.grupos import GESTOR

    criar_usuario("gina", grupos=[GESTOR], orgaos=[orgao], first_name="Gina", last_name="Gestora")
    pedidos = []
    janela.on("request", lambda r: pedidos.append(r.url) if r.url.startswith(f"{govbr}/authorize?") else None)

    _passar_pelo_provedor(janela, live_server)
    expect(janela.get_by_test_id("sem-acesso")).to_be_visible()
    assert janela.url == f"{live_server.url}/"
    expect(janela.get_by_test_id("usuario-nome")).to_contain_text("Maria Servidora")
    expect(janela.locator("main")).to_contain_text("Gina Gestora")
    assert CPF not in janela.content()
    assert axe(janela) == [], "ainda sem acesso"
    # nenhum dado: o mapa (que todo perfil lê) fica fechado e some do menu
    expect(janela.locator("#menu-principal")).not_to_contain_text("Mapa salarial")
    assert janela.goto(f"{live_server.url}/contratos/mapa-salarial/").status == 403

    pedido = parse_qs(urlparse(pedidos[0]).query)
    assert pedido["code_challenge_method"] == ["S256"] and pedido["code_challenge"][0]
    assert pedido["scope"] == ["openid email profile govbr_confiabilidades"]
    assert pedido["state"][0] and pedido["nonce"][0]

    identidade = IdentidadeGovbr.objects.select_related("usuario").get(sub=CPF)
    assert identidade.nivel == "prata"
    assert CPF not in identidade.usuario.username
    assert not identidade.usuario.groups.exists()
    assert EventoAuditoria.objects.filter(tipo="entrada", meio="govbr", alvo=identidade.usuario).exists()

    # Segunda entrada: a mesma conta (pelo sub), sem criar outra.
    janela.context.clear_cookies()
    _passar_pelo_provedor(janela, live_server)
    expect(janela.get_by_test_id("sem-acesso")).to_be_visible()
    assert IdentidadeGovbr.objects.count() == 1


def test_tela_de_entrada_com_gov_br_sem_violacoes_axe(janela, live_server, govbr, axe):
    janela.goto(f"{live_server.url}/entrar/")
    expect(janela.get_by_role("link", name="Entrar com gov.br")).to_be_visible()
    expect(janela.get_by_role("link", name="Esqueci a senha")).to_be_visible()
    assert axe(janela) == []


def test_state_adulterado_e_recusado(janela, live_server, govbr):
    capturadas = _capturar_retorno(janela, govbr)
    retorno = _passar_pelo_provedor(janela, live_server, capturadas)
    _soltar(janela)
    janela.goto(_com(retorno, state="adulterado"))
    expect(_mensagem(janela)).to_contain_text("parâmetro state inválido")
    assert "/entrar/" in janela.url
    assert not IdentidadeGovbr.objects.exists()
    assert EventoAuditoria.objects.filter(tipo="entrada_falha", meio="govbr", detalhe="state").exists()


def test_codigo_vencido_e_recusado(janela, live_server, govbr):
    capturadas = _capturar_retorno(janela, govbr)
    retorno = _passar_pelo_provedor(janela, live_server, capturadas)
    _soltar(janela)
    time.sleep(TTL_CODIGO + 1.5)
    janela.goto(retorno)
    expect(_mensagem(janela)).to_contain_text("O código de autorização do gov.br expirou ou já foi usado")
    assert "/entrar/" in janela.url and not IdentidadeGovbr.objects.exists()


def test_codigo_repetido_e_recusado(janela, live_server, govbr):
    """O código já trocado, reapresentado com outro state válido da mesma sessão: o provedor recusa."""
    capturadas = _capturar_retorno(janela, govbr)
    primeiro = _passar_pelo_provedor(janela, live_server, capturadas)
    segundo = _passar_pelo_provedor(janela, live_server, capturadas)
    assert primeiro != segundo
    _soltar(janela)
    janela.goto(primeiro)
    expect(janela.get_by_test_id("sem-acesso")).to_be_visible()

    codigo = parse_qs(urlparse(primeiro).query)["code"][0]
    janela.goto(_com(segundo, code=codigo))
    expect(_mensagem(janela)).to_contain_text("O código de autorização do gov.br expirou ou já foi usado")
    assert "/entrar/" in janela.url
    # e quem reapresentou o código não continua dentro
    janela.goto(f"{live_server.url}/contas/minha-conta/")
    assert "/entrar/" in janela.url


def test_nivel_abaixo_do_minimo_perde_o_papel_de_escrita(
    janela, live_server, govbr, settings, criar_usuario, orgao
):
    from django.contrib.auth.models import Group

    from core.grupos import CONSULTA, EQUIPE

    settings.GOVBR_NIVEL_MINIMO_ESCRITA = "prata"
    bruno = criar_usuario("bruno", grupos=[EQUIPE, CONSULTA], orgaos=[orgao])
    IdentidadeGovbr.objects.create(usuario=bruno, sub="11144477735", nivel="prata")

    _passar_pelo_provedor(janela, live_server, cpf="11144477735")  # hoje a conta é bronze
    expect(janela.get_by_test_id("usuario-nome")).to_be_visible()
    bruno.refresh_from_db()
    assert bruno.govbr.nivel == "bronze"
    assert list(bruno.groups.values_list("name", flat=True)) == [CONSULTA]
    retirado = EventoAuditoria.objects.get(tipo="papel_retirado", alvo=bruno)
    assert retirado.detalhe == f"{Group.objects.get(name=EQUIPE).name}: nível gov.br abaixo de prata"
