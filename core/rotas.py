"""`reverse` com memória, para os `{% url %}` dos templates (core/templatetags/rotas.py) e os
`get_absolute_url` dos modelos.

O mesmo nome com os mesmos argumentos dá sempre o mesmo endereço enquanto o URLconf e o prefixo do script
não mudam, e os dois entram na chave. Só argumentos int e str (e subclasses, como o SafeString dos
templates) entram na memória: um objeto pode virar texto diferente com o mesmo pk. O resto vai direto ao
`reverse` do Django, e os erros também (NoReverseMatch não é guardado). O detalhe da contratação fazia ~40
reverses de 15–25 µs cada: ~0,8 ms dos ~3,9 ms do template.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_SIMPLES = (int, str)


@lru_cache(maxsize=4096)
def _guardado(nome, args, kwargs, current_app, prefixo, urlconf):  # prefixo: só chave (o reverse o lê)
    return reverse(nome, urlconf=urlconf, args=args, kwargs=dict(kwargs) or None, current_app=current_app)


def endereco(nome, args=(), kwargs=None, current_app=None) -> str:
    """Como `django.urls.reverse(nome, args=..., kwargs=..., current_app=...)`."""
    kwargs = kwargs or {}
    valores = (nome, *args, *kwargs.values())
    if current_app is not None:
        valores += (current_app,)
    if not all(isinstance(v, _SIMPLES) for v in valores):
        return reverse(nome, args=args, kwargs=kwargs, current_app=current_app)
    return _guardado(
        nome,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,  # override_settings(ROOT_URLCONF=...) dos testes muda a chave
    )
