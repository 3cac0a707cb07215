"""Carga idempotente dos dados de referência: cada área expõe `<app>.referencias.carregar(saida=...)`."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

AREAS = ("catalogo", "contratos", "acordo")  # ordem das camadas: quem depende carrega depois


class Command(BaseCommand):
    help = "Carrega (ou confere) os dados de referência de todas as áreas. Pode ser executado várias vezes."

    def handle(self, *args, **options):
        for area in AREAS:
            try:
                modulo = import_module(f"{area}.referencias")
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                modulo.carregar(saida=self.stdout)
        self.stdout.write(self.style.SUCCESS("Dados de referência conferidos."))
