from django.contrib.auth.forms import AuthenticationForm


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
