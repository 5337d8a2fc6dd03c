"""Demo incoming e-mails for `seed_demo` (idempotent: each is recorded once by its Message-ID).

They go through the real service, as the IMAP poller would deliver them: a reply of Bruno
(Metalúrgica Horizonte) to one of his company's open tickets, a stranger's message and an
auto-reply, so the back-office list "E-mails recebidos" shows each outcome.
"""

from __future__ import annotations

from email.message import EmailMessage

from django.db import transaction

from tickets.models import Ticket

from .services import inbound_message_process
from .tokens import reply_address


def _raw(*, sender: str, to: str, subject: str, body: str, message_id: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"], message["Message-ID"] = (
        sender,
        to,
        subject,
        message_id,
    )
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def seed_demo() -> None:
    ticket = (
        Ticket.objects.filter(requester__email="bruno@horizonte.example")
        .exclude(status=Ticket.Status.CLOSED)
        .order_by("created_at")
        .first()
    )
    if ticket is None:
        return
    address = reply_address(ticket.number, ticket.requester_id)
    messages = [
        _raw(
            sender="Bruno <bruno@horizonte.example>",
            to=address,
            subject=f"Re: Chamado {ticket.number}",
            body=(
                "Bom dia, segue mais um detalhe: o erro acontece só no primeiro acesso do dia.\n\n"
                f"Em seg., 30 de nov. de 2026 às 09:12, Portal do Cliente <{address}> escreveu:\n"
                "> Olá, Bruno.\n> Há uma nova mensagem da equipe de atendimento.\n"
            ),
            message_id="<demo-reply-1@horizonte.example>",
        ),
        _raw(
            sender="curioso@desconhecido.example",
            to=address,
            subject="Quero ver este chamado",
            body="Olá, podem me mandar os detalhes?",
            message_id="<demo-stranger-1@desconhecido.example>",
        ),
        _raw(
            sender="bruno@horizonte.example",
            to=address,
            subject="Resposta automática: ausente",
            body="Estou fora do escritório até segunda-feira.",
            message_id="<demo-autoreply-1@horizonte.example>",
            Auto_Submitted="auto-replied",
        ),
    ]
    for raw in messages:
        with transaction.atomic():
            inbound_message_process(raw, source="imap")
