"""Restaura uma cópia de `manage.py copia_seguranca` num banco vazio e já migrado."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from core import registro


def _modelos_das_areas() -> list:
    return [m for area in registro.areas() for m in apps.get_app_config(area.rotulo).get_models()]


def _tem_dados() -> bool:
    """Algum usuário ou alguma linha nas tabelas das áreas (o migrate só cria tipos, permissões e grupos)."""
    return any(m.objects.exists() for m in [get_user_model(), *_modelos_das_areas()])


class Command(BaseCommand):
    help = "Carrega a cópia num banco vazio e migrado (tudo ou nada), sem criar histórico novo."

    def add_arguments(self, parser):
        parser.add_argument("arquivo")

    def handle(self, *args, arquivo, **options):
        if _tem_dados():
            raise CommandError(
                "O banco não está vazio: restaure num banco novo (createdb + migrate), não por cima de dados."
            )
        # O histórico faz parte da cópia; sem isto o django-simple-history registraria de novo cada relação
        # muitos-para-muitos carregada (o sinal m2m_changed não sabe que é uma carga).
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            call_command("loaddata", arquivo, verbosity=0)
        usuarios = get_user_model().objects.count()
        linhas = sum(m.objects.count() for m in _modelos_das_areas())
        self.stdout.write(f"Cópia restaurada: {usuarios} usuário(s), {linhas} linha(s) nas áreas.")
