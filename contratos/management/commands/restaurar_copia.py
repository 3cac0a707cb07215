"""Restaura uma cópia de `manage.py copia_seguranca` num banco vazio e já migrado."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from contratos.models import Contratacao, MapaSalarial


class Command(BaseCommand):
    help = "Carrega a cópia num banco vazio e migrado (tudo ou nada), sem criar histórico novo."

    def add_arguments(self, parser):
        parser.add_argument("arquivo")

    def handle(self, *args, arquivo, **options):
        if any(m.objects.exists() for m in (get_user_model(), Contratacao, MapaSalarial)):
            raise CommandError(
                "O banco não está vazio: restaure num banco novo (createdb + migrate), não por cima de dados."
            )
        # O histórico faz parte da cópia; sem isto o django-simple-history registraria de novo cada relação
        # muitos-para-muitos carregada (o sinal m2m_changed não sabe que é uma carga).
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            call_command("loaddata", arquivo, verbosity=0)
        usuarios, contratacoes = get_user_model().objects.count(), Contratacao.objects.count()
        self.stdout.write(f"Cópia restaurada: {usuarios} usuário(s), {contratacoes} contratação(ões).")
