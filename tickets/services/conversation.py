"""Messages of the timeline (TKT-7): client and analyst messages with attachments, internal notes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError, ForbiddenError

from ..attachments import check_uploads
from ..locks import ticket_lock
from ..models import TEXT_MAX, Message, Ticket
from ..notifications import notify_requester
from ..workflow.moves import move
from ..workflow.table import CLIENT_REPLIED, CLIENT_WROTE_DURING_VALIDATION
from .files import store_attachments
from .follow_ups import ticket_follow_up

S = Ticket.Status
ActorRole = access.ActorRole


@transaction.atomic
def ticket_reply(
    *,
    actor: User,
    ticket: Ticket,
    body: str,
    files: Iterable[UploadedFile[bytes]] = (),
    internal: bool = False,
    now: datetime | None = None,
) -> Message:
    """Add a message (TKT-7). A client reply on "pending client" or during validation sends the
    ticket back to analysis; internal notes are for staff only. A client writing to a closed
    ticket (e.g. one the acceptance job just closed) opens a follow-up with their words instead:
    the returned message's `.ticket` is then the follow-up (TKT-9)."""
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    role = access.ticket_actor_role(actor, ticket)
    if internal and role not in access.STAFF_ROLES:
        raise ForbiddenError(_("Somente analistas escrevem notas internas."))
    if not body.strip():
        raise DomainError(_("Escreva a mensagem."), field="body")
    if len(body) > TEXT_MAX:  # a canned reply's markers, filled in, can pass what its form allowed
        raise DomainError(
            _("A mensagem passa de %(max)s caracteres: encurte-a.")
            % {"max": number_format(TEXT_MAX, force_grouping=True)},
            field="body",
        )
    if ticket.is_closed:
        if role != ActorRole.CLIENT:
            raise ConflictError(
                _("Este chamado está encerrado e não recebe mensagens."), code="ticket_closed"
            )
        # TKT-9 / OPS-1: a closed ticket never reopens; the client's words become a follow-up.
        follow_up = ticket_follow_up(
            actor=actor, original=ticket, body=body, files=files, now=now, from_reply=True
        )
        # Not saved: the words are the follow-up's description; `.ticket` tells callers where they went.
        return Message(ticket=follow_up, author=actor, body=body.strip(), created_at=now)
    checked = check_uploads(files)
    message = Message.objects.create(
        ticket=ticket, author=actor, body=body.strip(), is_internal=internal, created_at=now
    )
    store_attachments(ticket, checked, actor=actor, message=message, now=now)
    if role == ActorRole.CLIENT and ticket.status == S.PENDING_CLIENT:
        move(ticket, S.IN_ANALYSIS, actor=actor, reason=CLIENT_REPLIED, now=now, notify=False)
    elif role == ActorRole.CLIENT and ticket.status == S.AWAITING_VALIDATION:
        # A message during validation means the solution did not settle it: back to analysis.
        reason = CLIENT_WROTE_DURING_VALIDATION
        move(ticket, S.IN_ANALYSIS, actor=actor, reason=reason, now=now, notify=False)
    else:
        ticket.save(update_fields=["updated_at"])
    if role in access.STAFF_ROLES and not internal:
        notify_requester(ticket, "tickets/new_message", body=message.body)
    return message
