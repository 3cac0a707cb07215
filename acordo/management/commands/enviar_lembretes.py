"""Lembretes do cronograma do ACT por e-mail; rode uma vez por dia (cron ou timer do systemd)."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from acordo import services


class Command(BaseCommand):
    help = (
        "Envia aos representantes dos partícipes responsáveis as ocorrências do ACT que vencem em até 7 dias "
        "e as atrasadas, uma vez por ocorrência e tipo de lembrete (rodar de novo não repete)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hoje", help="Data de referência AAAA-MM-DD (padrão: hoje).")
        parser.add_argument("--simular", action="store_true", help="Só conta o que seria enviado.")

    def handle(self, *args, hoje=None, simular=False, **opcoes):
        try:
            referencia = date.fromisoformat(hoje) if hoje else timezone.localdate()
        except ValueError as erro:
            raise CommandError("Informe --hoje no formato AAAA-MM-DD (ex.: 2025-01-06).") from erro
        r = services.lembretes_enviar(hoje=referencia, url_base=settings.PLANEJATIC_URL, simular=simular)
        verbo = "seriam enviados" if simular else "enviados"
        self.stdout.write(
            f"Lembretes de {referencia:%d/%m/%Y}: {r.mensagens} e-mail(s) {verbo}, {r.avisos} aviso(s)"
            + (f", {r.falhas} falha(s) (ficam para a próxima execução)." if r.falhas else ".")
        )
        if r.falhas:
            raise CommandError(f"{r.falhas} e-mail(s) não foram enviados; veja o log.")
