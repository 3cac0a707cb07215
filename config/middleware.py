"""Sessão que desliza com as páginas, sem uma escrita no banco a cada total ao vivo."""

import time

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.cache import patch_vary_headers

# Fragmentos htmx que a tela pede a cada tecla: só calculam, nada gravam. Regravar a sessão em cada um
# disputava a trava de escrita do SQLite com o "Salvar" que chega junto (500 "database is locked").
FRAGMENTOS = frozenset(
    {
        "contratos:os_calcular",
        "contratos:os_linhas",
        "contratos:item_nuvem_calcular",
        "contratos:item_nuvem_linhas",
    }
)
CHAVE_RENOVADA = "_renovada_em"


def _fragmento(request) -> bool:
    rota = getattr(request, "resolver_match", None)
    return rota is not None and rota.view_name in FRAGMENTOS


class SessaoMiddleware(SessionMiddleware):
    """SESSION_SAVE_EVERY_REQUEST vale para as páginas; nos fragmentos de cálculo a sessão só é regravada
    quando a última renovação passou de SESSAO_RENOVAR_FRAGMENTOS_APOS (quem passa meia hora digitando
    numa OS, só com totais ao vivo, não perde a sessão ao salvar)."""

    def process_response(self, request, response):
        sessao = getattr(request, "session", None)
        if sessao is None or not settings.SESSION_SAVE_EVERY_REQUEST or sessao.is_empty():
            return super().process_response(request, response)
        agora = int(time.time())
        recente = agora - sessao.get(CHAVE_RENOVADA, 0) < settings.SESSAO_RENOVAR_FRAGMENTOS_APOS
        if _fragmento(request) and not sessao.modified and recente:
            patch_vary_headers(response, ("Cookie",))
            return response
        sessao[CHAVE_RENOVADA] = agora
        return super().process_response(request, response)
