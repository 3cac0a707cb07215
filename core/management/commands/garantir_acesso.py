"""Garante que alguém consiga entrar: cria o superusuário inicial se não houver nenhum."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Cria o superusuário inicial (DJANGO_SUPERUSER_USERNAME/PASSWORD ou admin com senha aleatória)."

    def handle(self, *args, **options):
        User = get_user_model()
        nome = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin"
        senha = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Entre com um superusuário existente (por exemplo '{nome}'). "
                f"Esqueceu a senha? .venv/bin/python manage.py changepassword {nome}"
            )
            return
        informada = bool(senha)
        senha = senha or secrets.token_urlsafe(12)
        try:
            validate_password(senha, User(username=nome))
        except ValidationError as erro:
            raise CommandError(
                f"DJANGO_SUPERUSER_PASSWORD recusada: {' '.join(erro.messages)} Nenhum usuário foi criado."
            ) from erro
        User.objects.create_superuser(username=nome, email="", password=senha)
        self.stdout.write(self.style.SUCCESS("Superusuário criado."))
        if informada:
            self.stdout.write(f"Entre com o usuário '{nome}' e a senha de DJANGO_SUPERUSER_PASSWORD.")
        else:
            self.stdout.write(
                f"Entre com o usuário '{nome}' e a senha: {senha}\nGuarde-a: ela é exibida somente agora."
            )
