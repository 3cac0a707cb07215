"""Campos de formulário comuns: números digitados em pt-BR lidos pelo mesmo parser das planilhas e regras."""

from django import forms
from django.core.exceptions import ValidationError

from core.numeros import decimal_br


class CampoDecimalBR(forms.DecimalField):
    """DecimalField que lê como `core.numeros.decimal_br` (1.234,56, 1234,56, 1234.56, R$ 1.234,56) e mostra
    o valor em pt-BR; max_digits e decimal_places continuam conferidos, com as mensagens do campo."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return decimal_br(value, casas=None)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
