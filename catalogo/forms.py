from django import forms
from django.core.exceptions import ValidationError

from catalogo.models import CategoriaNuvem, VersaoCatalogo


class FiltroServicosForm(forms.Form):
    q = forms.CharField(label="Buscar por código, nome ou descrição", required=False, max_length=100)
    categoria = forms.ChoiceField(
        label="Categoria", required=False, choices=[("", "Todas as categorias"), *CategoriaNuvem.choices]
    )


class CompararVersoesForm(forms.Form):
    base = forms.ModelChoiceField(
        label="Versão de referência", queryset=VersaoCatalogo.objects.all(), empty_label="Escolha a versão"
    )
    nova = forms.ModelChoiceField(
        label="Comparar com", queryset=VersaoCatalogo.objects.all(), empty_label="Escolha a versão"
    )

    def __init__(self, *args, versoes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].queryset = self.fields["nova"].queryset = versoes

    def clean(self):
        dados = super().clean()
        base, nova = dados.get("base"), dados.get("nova")
        if base and nova:
            if base.tipo != nova.tipo:
                raise ValidationError(
                    "Compare versões do mesmo catálogo (nuvem com nuvem, profissionais com profissionais)."
                )
            if base.pk == nova.pk:
                raise ValidationError("Escolha duas versões diferentes.")
        return dados
