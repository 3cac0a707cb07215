"""Cópia de segurança lógica do banco inteiro (qualquer banco: SQLite ou PostgreSQL), restaurável com
`manage.py restaurar_copia`. Ver docs/implantacao.md."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Recriados pelo migrate (tipos e permissões) ou sem valor numa restauração (sessões, registros do axes).
EXCLUIDOS = ("contenttypes", "auth.permission", "sessions", "axes")


class Command(BaseCommand):
    help = (
        "Grava todas as tabelas (chaves naturais, XML, .gz) num arquivo restaurável por restaurar_copia. "
        "O arquivo contém os hashes das senhas: é criado legível só pelo dono (permissão 0600)."
    )

    def add_arguments(self, parser):
        parser.add_argument("arquivo", help="Ex.: copia-2026-11-23.xml.gz (a extensão .gz comprime)")

    def handle(self, *args, arquivo, **options):
        # Cria (ou trunca) o arquivo já com 0600 antes de o dumpdata escrever: nunca existe legível por todos.
        os.close(os.open(arquivo, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(arquivo, 0o600)
        # XML, não JSON: o serializador JSON do Django corta os microssegundos das datas e horas.
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            "--format=xml",
            *(f"--exclude={e}" for e in EXCLUIDOS),
            output=arquivo,
            verbosity=0,
        )
        self.stdout.write(f"Cópia gravada em {arquivo} (permissão 0600: contém os hashes das senhas).")
