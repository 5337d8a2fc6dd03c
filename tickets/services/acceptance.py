"""The client's answer to a proposed solution (ACP-3): accept, reject with a reason, or postpone
once. The window itself is opened by the workflow when the solution is proposed (ACP-1)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError, ForbiddenError

from ..locks import ticket_lock
from ..models import Message, Ticket, TicketEvent
from ..windows import acceptance_policy_for
from ..workflow.moves import move
from ..workflow.table import SOLUTION_ACCEPTED

S = Ticket.Status


def _client_on(actor: User, ticket: Ticket) -> None:
    if access.ticket_actor_role(actor, ticket) != access.ActorRole.CLIENT:
        raise ForbiddenError(_("Somente o cliente valida a solução."))


def _require_open_window(ticket: Ticket, now: datetime) -> None:
    if ticket.status != S.AWAITING_VALIDATION:
        raise ConflictError(
            _("Este chamado não está aguardando a sua validação."), code="not_awaiting_validation"
        )
    if ticket.acceptance_deadline and now >= ticket.acceptance_deadline:
        raise ConflictError(_("O prazo para validar esta solução terminou."), code="window_over")


@transaction.atomic
def ticket_accept_solution(*, actor: User, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """ACP-3: the client accepts the proposed solution and the ticket closes for good."""
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    move(ticket, S.CLOSED, actor=actor, reason=SOLUTION_ACCEPTED, now=now)
    return ticket


@transaction.atomic
def ticket_reject_solution(
    *, actor: User, ticket: Ticket, reason: str, now: datetime | None = None
) -> Ticket:
    """ACP-3: the client rejects the solution with a mandatory reason; the ticket goes back to analysis."""
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    if not reason.strip():
        raise DomainError(
            _("Diga por que a solução não resolveu o problema."), field="reason", code="reason_required"
        )
    Message.objects.create(ticket=ticket, author=actor, body=reason.strip(), created_at=now)
    move(ticket, S.IN_ANALYSIS, actor=actor, reason=reason, now=now)
    return ticket


@transaction.atomic
def ticket_postpone_acceptance(*, actor: User, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """ACP-3: once, before the window ends, the client postpones the deadline by the policy's days."""
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    policy = ticket.acceptance_policy or acceptance_policy_for(ticket)
    if policy.postponement_days == 0:
        raise ConflictError(_("Esta linha de produto não permite adiar a validação."), code="no_postponement")
    if ticket.acceptance_postponed_at is not None:
        raise ConflictError(_("A validação já foi adiada uma vez."), code="already_postponed")
    # A ticket awaiting validation always has its acceptance deadline: the workflow sets it on entry.
    previous = cast(datetime, ticket.acceptance_deadline)
    deadline = previous + timedelta(days=policy.postponement_days)
    ticket.acceptance_deadline = deadline
    ticket.acceptance_postponed_at = now
    ticket.auto_action_at = deadline
    if policy.reminder_before:
        ticket.acceptance_reminder_at = deadline - timedelta(days=policy.reminder_before)
        ticket.acceptance_reminder_sent_at = None
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.POSTPONED,
        actor=actor,
        created_at=now,
        from_value=previous.isoformat(),
        to_value=deadline.isoformat(),
    )
    ticket.save(
        update_fields=[
            "acceptance_deadline",
            "acceptance_postponed_at",
            "auto_action_at",
            "acceptance_reminder_at",
            "acceptance_reminder_sent_at",
            "updated_at",
        ]
    )
    return ticket
