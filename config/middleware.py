"""Sessão que desliza com as páginas, gravada no máximo uma vez por minuto (e menos nos totais ao vivo)."""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone

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
    """O prazo de SESSION_COOKIE_AGE corre da última gravação da sessão; em vez de regravá-la a cada
    requisição (SESSION_SAVE_EVERY_REQUEST: um UPDATE em toda página, issue 19), regrava só quando a última
    renovação passou de SESSAO_RENOVAR_APOS (páginas) ou SESSAO_RENOVAR_FRAGMENTOS_APOS (totais ao vivo).
    Quem fica ocioso perde a sessão entre SESSION_COOKIE_AGE − SESSAO_RENOVAR_APOS e SESSION_COOKIE_AGE
    depois da última página; quem passa meia hora digitando numa OS, só com totais ao vivo, não a perde."""

    def process_response(self, request, response):
        sessao = getattr(request, "session", None)
        if sessao is not None and not sessao.is_empty():
            agora = int(timezone.now().timestamp())
            intervalo = (
                settings.SESSAO_RENOVAR_FRAGMENTOS_APOS
                if _fragmento(request)
                else settings.SESSAO_RENOVAR_APOS
            )
            if sessao.modified or agora - sessao.get(CHAVE_RENOVADA, 0) >= intervalo:
                sessao[CHAVE_RENOVADA] = agora  # marca modificada: o SessionMiddleware grava e renova o prazo
        return super().process_response(request, response)
