"""Os campos das linhas copiados para cada formulário sem `copy.copy` (issue 19): a cópia é a mesma que o
`Field.__deepcopy__` do Django faria, e um formulário não mexe nos campos de outro nem nos da classe."""

import copy

import pytest
from django import forms

from contratos.edicao.formularios import LinhaNuvemForm, LinhaPerfilForm, _CamposCopiados


@pytest.mark.parametrize("classe", [LinhaPerfilForm, LinhaNuvemForm])
def test_a_copia_rapida_e_a_do_django(classe):
    for nome, campo in classe.base_fields.items():
        rapida = copy.deepcopy(classe.base_fields)[nome]
        django = forms.Field.__deepcopy__(campo, {})
        assert type(rapida) is type(django)
        assert rapida.__dict__.keys() == django.__dict__.keys(), nome
        for atributo in ("widget", "error_messages", "validators"):
            assert getattr(rapida, atributo) is not getattr(campo, atributo), (nome, atributo)
        assert rapida.widget.attrs == campo.widget.attrs
        assert rapida.widget.attrs is not campo.widget.attrs
        assert rapida.error_messages == campo.error_messages
        assert rapida.validators == campo.validators
        assert rapida.label == campo.label and rapida.required == campo.required


def test_cada_linha_tem_os_seus_campos():
    perfis = {}
    uma = LinhaPerfilForm(prefix="linhas-0", perfis=perfis, opcoes=[])
    outra = LinhaPerfilForm(prefix="linhas-1", perfis=perfis, opcoes=[])
    assert uma.fields["quantidade"].widget.attrs["aria-label"] == "Quantidade da linha 1"
    assert outra.fields["quantidade"].widget.attrs["aria-label"] == "Quantidade da linha 2"
    assert "aria-label" not in LinhaPerfilForm.base_fields["quantidade"].widget.attrs
    uma.fields["quantidade"].validators.append(lambda valor: None)
    da_classe = LinhaPerfilForm.base_fields["quantidade"].validators
    assert len(outra.fields["quantidade"].validators) == len(da_classe)


def test_campo_com_copia_propria_segue_o_caminho_do_django():
    campos = _CamposCopiados({"tipo": forms.ChoiceField(choices=[("a", "A")])})
    copia = copy.deepcopy(campos)["tipo"]
    assert copia is not campos["tipo"]
    assert copia.choices == [("a", "A")]
    assert copia._choices is not campos["tipo"]._choices  # o ChoiceField.__deepcopy__ do Django
