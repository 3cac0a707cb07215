"""Cabeçalhos de resposta do projeto."""

from django.utils.cache import patch_cache_control


class SemCacheAutenticadoMiddleware:
    """Páginas e downloads de quem está logado não ficam em cache de navegador nem de proxy (orçamento
    sigiloso); respostas que já dizem seu Cache-Control (estáticos do WhiteNoise, por exemplo) ficam assim."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        resposta = self.get_response(request)
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated and not resposta.has_header("Cache-Control"):
            patch_cache_control(resposta, no_store=True, private=True)
        return resposta
