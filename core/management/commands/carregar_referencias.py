"""Carga idempotente dos dados de referência: cada área registra o seu carregador em `core.registro`."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core import registro


class Command(BaseCommand):
    help = "Carrega (ou confere) os dados de referência de todas as áreas. Pode ser executado várias vezes."

    def handle(self, *args, **options):
        # Na ordem do registro (a das camadas): quem depende carrega depois.
        for area in registro.areas():
            if area.carregar_referencias is None:
                continue
            with transaction.atomic():
                area.carregar_referencias(saida=self.stdout)
        self.stdout.write(self.style.SUCCESS("Dados de referência conferidos."))
