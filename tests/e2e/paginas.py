"""As páginas do app (não o admin) com dados de exemplo: a lista que os testes de tela e o script das
screenshots percorrem.

As rotas vêm do teste de permissões (todas as rotas nomeadas, com os mesmos ARGUMENTOS); entra na lista toda
rota que, pedida por GET por um superusuário, responde uma página HTML (seguindo redirecionamentos). Uma
página nova entra sozinha."""

from django.test import Client

from tests.test_todas_as_paginas_exigem_permissao import PUBLICAS, ROTAS_DO_PRODUTO, _url

# Não são páginas do app para quem entrou: a entrada redireciona, o gov.br não está configurado nos testes.
FORA = {"login", "contas:govbr_entrar", "contas:govbr_retorno"}

# Formulários que se enviam vazios (campos de texto apagados) para a página mostrar os erros.
FORMULARIOS = (
    "contratos:contratacao_criar",
    "contratos:contratacao_editar",
    "contratos:os_criar",
    "contratos:os_editar",
    "contratos:item_criar",
    "contratos:item_editar",
    "contratos:item_nuvem",
    "contratos:contratacao_proposta_nova",
    "contratos:fiscalizacao_alocado_editar",
    "contas:pessoa_adicionar",
    "contas:pessoa_convidar",
    "password_change",
)


def paginas_do_app(exemplos, usuario) -> dict[str, str]:
    """Nome da rota → endereço, das rotas que abrem uma página HTML para `usuario` (superusuário)."""
    cliente = Client()
    cliente.force_login(usuario)
    paginas = {}
    for nome in ROTAS_DO_PRODUTO:
        if nome in FORA:
            continue
        url = _url(nome, exemplos)
        resposta = cliente.get(url, follow=nome not in PUBLICAS)
        if resposta.status_code == 200 and resposta["Content-Type"].startswith("text/html"):
            paginas[nome] = resposta.request["PATH_INFO"]
    return paginas
