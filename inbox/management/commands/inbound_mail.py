"""`manage.py inbound_mail < message.eml`: one e-mail from an MTA pipe (Postfix, Exim) (CHN-1).

Exit status 0 when the message was processed, refused (recorded for the analysts) or already
known; non-zero only when the input is not an e-mail, so the MTA bounces it or retries.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from inbox.models import InboundMessage
from inbox.services import inbound_message_process


class Command(BaseCommand):
    help = "Processa um e-mail recebido pela entrada padrão (entrega pelo servidor de e-mail)."

    def handle(self, *args, **options):
        raw = sys.stdin.buffer.read()
        try:
            result = inbound_message_process(raw, source=InboundMessage.Source.PIPE)
        except DomainError as error:
            raise CommandError(f"mensagem inválida: {error}") from error
        record = result.record
        state = "duplicada" if result.duplicate else record.get_outcome_display()
        self.stdout.write(f"{record.message_id}: {state}{f' ({record.reason})' if record.reason else ''}")
