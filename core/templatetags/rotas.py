"""O `{% url %}` de sempre, resolvido por `core.rotas.endereco` (com memória). Registrado como builtin em
config/settings.py: substitui o do Django em todos os templates, com a mesma sintaxe e o mesmo resultado."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as url_do_django
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from core.rotas import endereco

register = template.Library()


class URLNodeComMemoria(URLNode):
    def render(self, context):
        # o URLNode.render do Django, com `endereco` no lugar de `reverse`
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = endereco(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    no = url_do_django(parser, token)
    return URLNodeComMemoria(no.view_name, no.args, no.kwargs, no.asvar)
