"""`{% resumo_de_erros %}` (em base.html): os erros de todos os formulários da página, no topo, cada um com
um link para o seu campo; a página recebe o foco nele (planejatic.js). Vale para todo formulário sem que o
template o peça: acha no contexto os formulários e formsets ligados (POST ou GET) que têm erros."""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorList

register = template.Library()


def _do_formulario(form: BaseForm, linha: str = ""):
    for nome, erros in form.errors.items():
        campo = form.fields.get(nome)
        if campo is None:  # erros gerais (non_field_errors)
            yield "", "", erros
            continue
        vinculado = form[nome]
        alvo = "" if vinculado.is_hidden else vinculado.id_for_label
        yield alvo, f"{linha}{vinculado.label}", erros


def _erros(objeto):
    if isinstance(objeto, BaseFormSet) and objeto.is_bound:
        yield "", "", objeto.non_form_errors()
        for numero, form in enumerate(objeto.forms, 1):
            yield from _do_formulario(form, f"Linha {numero}, ")
    elif isinstance(objeto, BaseForm) and objeto.is_bound:
        yield from _do_formulario(objeto)


@register.inclusion_tag("_resumo_erros.html", takes_context=True)
def resumo_de_erros(context):
    # As páginas que calculam ao vivo ligam o formset sem mostrar os erros (mostrar_erros=False); num conflito
    # de edição a página já abre com o seu aviso no topo (templates/contratos/_conflito.html): recarregar.
    if context.get("mostrar_erros") is False or context.get("conflito"):
        return {"erros": []}
    request = context.get("request")
    if request is not None and request.method == "GET" and not request.GET:
        return {"erros": []}  # sem dados não há formulário ligado: toda página vista pula a busca
    vistos, erros = set(), []
    for valor in (v for camada in context.dicts for v in camada.values()):
        if id(valor) in vistos or not isinstance(valor, BaseForm | BaseFormSet):
            continue
        vistos.add(id(valor))
        for alvo, rotulo, lista in _erros(valor):
            for mensagem in ErrorList(lista):
                if (alvo, mensagem) not in {(e["alvo"], e["mensagem"]) for e in erros}:
                    erros.append({"alvo": alvo, "rotulo": rotulo, "mensagem": mensagem})
    return {"erros": erros}
