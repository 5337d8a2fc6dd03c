"""A conversation becomes a ticket (CHN-3, channel "chat"): opened in the client's name with the
catalogue fields the analyst picks (the portal's opening rules, ACC-4, ACC-6), the conversation's
messages as the ticket's first messages and its files as the ticket's attachments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError
from core.periods import format_local
from tickets.attachments import CheckedFile
from tickets.models import Message, Product, ProductVersion, Routine, Ticket
from tickets.services import SeverityAnswers, ticket_open
from tickets.services.files import store_attachments

from .. import presenters, selectors
from ..models import Conversation
from .broadcast import broadcast

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class TicketFields:
    """What the analyst picks for the ticket (the portal's required catalogue fields)."""

    product: Product
    routine: Routine
    version: ProductVersion
    environment: str
    kind: str
    summary: str
    answers: SeverityAnswers


@transaction.atomic
def conversation_ticket_generate(
    *, actor: User, conversation: Conversation, fields: TicketFields, now: datetime | None = None
) -> Ticket:
    """Open the ticket of a conversation (once: the conversation row is locked, a second attempt is a
    conflict). The requester is the client; the analyst is who registered it."""
    access.require_staff(actor)
    now = now or timezone.now()
    locked = (
        Conversation.objects.select_for_update().select_related("company", "client").get(pk=conversation.pk)
    )
    if locked.ticket_id is not None:
        raise ConflictError(_("Esta conversa já gerou um chamado."), code="ticket_exists")
    if locked.status == Conversation.Status.WAITING:
        raise ConflictError(_("Atenda a conversa antes de gerar o chamado."), code="conversation_waiting")
    messages = selectors.conversation_messages(locked)
    files = selectors.conversation_files(locked)
    first = messages[0].text if messages else fields.summary
    description = "\n\n".join(
        [
            _("Chamado gerado a partir do chat de %(when)s; a conversa segue nas mensagens do chamado.")
            % {"when": format_local(locked.created_at, presenters.TIME_FORMAT)},
            first,
        ]
    )
    ticket = ticket_open(
        actor=locked.client,
        company=locked.company,
        product=fields.product,
        routine=fields.routine,
        version=fields.version,
        environment=fields.environment,
        summary=fields.summary,
        description=description,
        answers=fields.answers,
        kind=fields.kind,
        now=now,
        channel=Ticket.Channel.CHAT,
    )
    # ACC-4: opened in the client's name, registered by the analyst who served the chat.
    Ticket.objects.filter(pk=ticket.pk).update(registered_by=actor)
    ticket.registered_by = actor
    Message.objects.bulk_create(
        [
            Message(ticket=ticket, author=message.author, body=message.text, created_at=message.created_at)
            for message in messages
        ]
    )
    for chat_file in files:
        chat_file.file.open("rb")
        try:
            checked = CheckedFile(
                upload=cast("UploadedFile[bytes]", chat_file.file),
                name=chat_file.original_name,
                content_type=chat_file.content_type,
                size=chat_file.size,
                sha256=chat_file.sha256,
            )
            store_attachments(
                ticket, [checked], actor=chat_file.uploaded_by, message=None, now=chat_file.created_at
            )
        finally:
            chat_file.file.close()
    Conversation.objects.filter(pk=locked.pk).update(ticket=ticket)
    conversation.ticket = ticket
    conversation.ticket_id = ticket.pk
    broadcast(conversation.pk, presenters.ticket_event(conversation))
    return ticket
