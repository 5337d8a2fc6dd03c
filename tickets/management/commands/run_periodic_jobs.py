"""`manage.py run_periodic_jobs [--now ISO8601]`: every periodic job once (OPS-1).

`--now` acts as if it were that instant (e.g. to see the ACP-4 auto-close of a window that ends
next month); it is refused unless DEBUG or PORTAL_ALLOW_TIME_TRAVEL=1, so production jobs always
run on the real clock.
"""

from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.periods import SAO_PAULO
from tickets import jobs


class Command(BaseCommand):
    help = (
        "Roda uma vez cada tarefa periódica: pendência do cliente vencida, lembretes e encerramento "
        "automático da validação, marcação de SLA."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            metavar="ISO8601",
            help="age como se fosse este instante (só com DEBUG ou PORTAL_ALLOW_TIME_TRAVEL=1)",
        )

    def handle(self, *args, **options):
        now = None
        if options.get("now"):
            if not (settings.DEBUG or settings.PORTAL_ALLOW_TIME_TRAVEL):
                raise CommandError("--now só é aceito com DEBUG=1 ou PORTAL_ALLOW_TIME_TRAVEL=1.")
            try:
                now = datetime.fromisoformat(options["now"].replace("Z", "+00:00"))
            except ValueError:
                raise CommandError(f"--now: data/hora inválida '{options['now']}'. Use ISO-8601.") from None
            if now.tzinfo is None:
                now = now.replace(tzinfo=SAO_PAULO)
        for result in jobs.run_all(now=now):
            self.stdout.write(f"{result.name}: {result.changed} chamado(s) em {result.batches} lote(s)")
