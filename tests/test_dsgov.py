"""O pacote crispy `dsgov` mostra o erro e a ajuda junto do campo, ligados por aria-describedby."""

from django import forms
from django.template import Context, Template


class FormExemplo(forms.Form):
    nome = forms.CharField(label="Nome", help_text="Como aparece no processo.")
    quantidade = forms.IntegerField(label="Quantidade", min_value=1)
    ativo = forms.BooleanField(label="Ativo", required=False)
    tipo = forms.ChoiceField(label="Tipo", choices=[("a", "A"), ("b", "B")])
    obs = forms.CharField(label="Observações", widget=forms.Textarea, required=False)
    data = forms.DateField(label="Data", widget=forms.DateInput(attrs={"type": "date"}), required=False)


def _render(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_erro_aparece_junto_ao_campo_e_ligado_por_aria():
    form = FormExemplo(data={"nome": "", "quantidade": "0", "tipo": "a"})
    assert not form.is_valid()
    html = _render(form)
    assert 'class="campo br-input danger"' in html
    assert 'aria-describedby="id_quantidade_ajuda"' in html
    assert "feedback danger" in html
    assert "Este campo é obrigatório." in html
    assert "Certifique-se que este valor seja maior ou igual a 1." in html


def test_ajuda_checkbox_select_textarea_e_data():
    html = _render(FormExemplo())
    assert "Como aparece no processo." in html
    assert 'aria-describedby="id_nome_ajuda"' in html
    assert 'class="campo br-checkbox' in html
    assert "<select" in html and "<textarea" in html and 'type="date"' in html
