"""Publish the solutions of every ticket closed as accepted (backfill; the periodic task does the same)."""

from django.core.management.base import BaseCommand

from solutions.jobs import BATCH_SIZE, publish_accepted_solutions


class Command(BaseCommand):
    help = "Publica as soluções dos chamados encerrados com aceite que ainda não foram publicadas."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="Chamados por lote.")

    def handle(self, *args, **options):
        result = publish_accepted_solutions(batch=options["batch"])
        self.stdout.write(
            f"{result.published} solução(ões) publicada(s) em {result.batches} lote(s); "
            f"{result.withdrawn} retida(s) por acompanhamento."
        )
