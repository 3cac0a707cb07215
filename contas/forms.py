from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError

from contas import selectors, services
from contas.papeis import papeis_geridos


class PapeisField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(label="Papéis", required=False, **kwargs)
        self.choices = [(g.name, g.name) for g in papeis_geridos()]


class _ComPapeis(forms.Form):
    """Valida o nível gov.br exigido para papéis de escrita junto ao campo, antes de gravar."""

    def __init__(self, *args, orgao, usuario=None, **kwargs):
        self.orgao = orgao
        self.usuario = usuario
        super().__init__(*args, **kwargs)
        self.fields["papeis"] = PapeisField()

    def _conferir_nivel(self, usuario):
        try:
            services.validar_nivel_para_papeis(usuario=usuario, papeis=self.cleaned_data.get("papeis", []))
        except ValidationError as erro:
            self.add_error("papeis", erro)


class PapeisForm(_ComPapeis):
    def clean(self):
        dados = super().clean()
        self._conferir_nivel(self.usuario)
        return dados


class AdicionarContaForm(_ComPapeis):
    conta = forms.CharField(
        label="Usuário ou e-mail da conta",
        max_length=254,
        help_text="O nome de usuário ou o e-mail exatos de uma conta que já existe no PlanejaTIC.",
    )

    field_order = ["conta", "papeis"]

    def clean_conta(self):
        conta = selectors.conta_por_usuario_ou_email(self.cleaned_data["conta"])
        if conta is None:
            raise ValidationError(
                "Nenhuma conta com este usuário ou e-mail. "
                "Para quem ainda não tem conta, use “Convidar por e-mail”."
            )
        if self.orgao.membros.filter(pk=conta.pk).exists():
            raise ValidationError("Esta pessoa já faz parte do órgão.")
        return conta

    def clean(self):
        dados = super().clean()
        if dados.get("conta"):
            self._conferir_nivel(dados["conta"])
        return dados


class ConvidarForm(_ComPapeis):
    nome = forms.CharField(label="Nome completo", max_length=300)
    email = forms.EmailField(label="E-mail", max_length=150)

    field_order = ["nome", "email", "papeis"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise ValidationError("Já existe uma conta com este e-mail: use “Adicionar conta existente”.")
        return email


class MeusDadosForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        labels = {"first_name": "Nome", "last_name": "Sobrenome", "email": "E-mail"}

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        outros = get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and outros.exists():
            raise ValidationError("Este e-mail já é usado por outra conta.")
        return email


class EsqueciSenhaForm(PasswordResetForm):
    def get_users(self, email):
        """Contas locais ativas com este e-mail, inclusive a convidada que ainda não criou a senha (o convite
        venceu); a conta gov.br não: a senha dela é a do gov.br."""
        return get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True, govbr__isnull=True
        )
