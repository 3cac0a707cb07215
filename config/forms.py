from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Usuário ou senha incorretos. Após 5 tentativas erradas o acesso fica bloqueado por 15 minutos."
        ),
        "inactive": "Esta conta está inativa. Procure o administrador do sistema.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Usuário"
        self.fields["password"].label = "Senha"
        # O AuthenticationForm só põe o limite no HTML; sem o validador, um usuário de 300 caracteres
        # chegava ao authenticate() e o django-axes o gravava numa coluna de 255 (erro 500 no PostgreSQL).
        limite = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limite, f"O usuário tem no máximo {limite} caracteres.")
        )
