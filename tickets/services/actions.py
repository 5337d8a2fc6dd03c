"""The work page's dedicated actions (TKT-6, TKT-7): propose a solution, ask the client for data,
send to maintenance, each a workflow move whose text is the public message of the move; and the
first staff member who acts on an unassigned ticket becomes its owner."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError

from ..locks import ticket_lock
from ..models import Message, Ticket, TicketEvent
from ..notifications import notify_status
from ..workflow.moves import move
from ..workflow.table import reason_is_public


def ticket_claim(*, actor: User, ticket: Ticket, now: datetime | None = None) -> bool:
    """Give an unassigned ticket to `actor` (staff) when they act on it; True if it was claimed.
    Call inside the action's transaction, with the ticket locked."""
    access.require_staff(actor)
    if ticket.assignee_id is not None or ticket.is_closed:
        return False
    now = now or timezone.now()
    ticket.assignee = actor
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.ASSIGNMENT,
        actor=actor,
        created_at=now,
        from_value="",
        to_value=actor.full_name,
    )
    ticket.save(update_fields=["assignee", "updated_at"])
    return True


@transaction.atomic
def ticket_move_with_message(
    *, actor: User, ticket: Ticket, to_status: str, body: str, now: datetime | None = None
) -> Ticket:
    """Move `ticket` along the workflow with `body` as the move's reason and its public message.

    Where the workflow posts the reason itself (a proposed solution, missing data) it does so;
    elsewhere (maintenance) the message is posted here at the same instant, so the timeline
    shows it once, and the status e-mail carries it.
    """
    access.require_staff(actor)
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    body = body.strip()
    if not body:
        raise DomainError(_("Escreva a mensagem ao cliente."), field="body")
    ticket_claim(actor=actor, ticket=ticket, now=now)
    role = access.ticket_actor_role(actor, ticket)
    if reason_is_public(role, to_status):
        move(ticket, to_status, actor=actor, reason=body, now=now)
        return ticket
    move(ticket, to_status, actor=actor, reason=body, now=now, notify=False)
    Message.objects.create(ticket=ticket, author=actor, body=body, created_at=now)
    notify_status(ticket, reason=body)
    return ticket


@transaction.atomic
def ticket_claim_locked(*, actor: User, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """Lock `ticket` and claim it for `actor` if nobody has it (before another action of theirs)."""
    ticket = ticket_lock(ticket)
    ticket_claim(actor=actor, ticket=ticket, now=now)
    return ticket
