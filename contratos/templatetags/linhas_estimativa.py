"""Por que uma linha da OS ou do item de nuvem ficou fora dos totais ao vivo (regra em estimativa.py)."""

from django import template

from contratos import estimativa

register = template.Library()


def _mensagens(form):
    if form.is_bound:
        return list(form.errors.values())
    # Linha nova, ainda não enviada: faltam os campos obrigatórios em branco (ex.: o perfil).
    return [
        [campo.error_messages["required"]]
        for nome, campo in form.fields.items()
        if campo.required and form[nome].value() in (None, "")
    ]


@register.filter
def motivo_fora_do_total(form) -> str:
    return estimativa.motivo_fora_do_total(_mensagens(form))


@register.filter
def aviso_linhas_fora(linhas) -> str:
    """`linhas` são os pares (formulário, linha calculada ou None) da tela."""
    return estimativa.linhas_fora_do_total(sum(1 for _, calculo in linhas if calculo is None))
