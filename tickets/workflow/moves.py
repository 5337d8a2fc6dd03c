"""The one way a ticket changes status (TKT-6): `move` for one locked ticket, `move_batch` for a
set of locked tickets moved by the system (periodic jobs, set-based).

Both check the move against the table (tickets/workflow/table.py), record the history event,
apply the target status's entry effects (the "pending client" timeout, the acceptance window,
closing for good, the survey), keep the stored SLA fields current and tell the requester. Lock
the tickets first with tickets/locks.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import cast

from accounts import access
from accounts.models import User
from core.bulk import update_rows
from surveys.services import surveys_create

from .. import deadlines
from ..models import Message, Ticket, TicketEvent
from ..notifications import notify_status, notify_survey
from ..windows import (
    PolicyLookup,
    acceptance_policies_for,
    acceptance_policy_for,
    acceptance_window,
    pending_client_deadline,
)
from .table import STATUSES, SYSTEM, Effect, check_move, reason_is_public, shown_reason_lazy

ActorRole = access.ActorRole


def _enter(ticket: Ticket, to_status: str, *, now: datetime, policy_for: PolicyLookup) -> list[str]:
    """Put the ticket in `to_status` in memory with the status's entry effects; returns the
    fields changed (the SLA fields apart)."""
    ticket.status = to_status
    ticket.status_changed_at = now
    ticket.updated_at = now
    ticket.auto_action_at = None
    fields = ["status", "status_changed_at", "updated_at", "auto_action_at"]
    for effect in STATUSES[to_status].on_entry:
        if effect == Effect.PENDING_TIMEOUT:
            ticket.auto_action_at = pending_client_deadline(ticket, now)
        elif effect == Effect.ACCEPTANCE_WINDOW:
            policy = policy_for(ticket)
            deadline, reminder = acceptance_window(ticket, policy, now)
            ticket.acceptance_policy = policy
            ticket.acceptance_deadline = deadline
            ticket.acceptance_reminder_at = reminder
            ticket.acceptance_reminder_sent_at = None
            ticket.acceptance_postponed_at = None
            ticket.auto_action_at = deadline
            fields += [
                "acceptance_policy",
                "acceptance_deadline",
                "acceptance_reminder_at",
                "acceptance_reminder_sent_at",
                "acceptance_postponed_at",
            ]
        elif effect == Effect.CLOSE:
            ticket.closed_at = now
            fields.append("closed_at")
    return fields


def _surveyed(ticket: Ticket, to_status: str) -> bool:
    """SRV-1: closing surveys the requester; the retail line's policy surveys on validation."""
    effects = STATUSES[to_status].on_entry
    if Effect.SURVEY in effects:
        return True
    policy = ticket.acceptance_policy
    return Effect.SURVEY_IF_POLICY in effects and policy is not None and policy.survey_on_validation


def _clock_changes(from_status: str, to_status: str) -> bool:
    """Whether a move can change the stored SLA: the clock stops or runs again, the governing
    target changes (SEV-2), or the ticket closes. Moving between two waiting statuses (TKT-8)
    changes nothing."""
    before, after = STATUSES[from_status], STATUSES[to_status]
    return before.paused != after.paused or before.target != after.target or after.final


def _notice_reason(role: ActorRole, to_status: str, reason: str) -> str:
    """The reason the requester's e-mail carries: the system's (in the recipient's language), or a
    staff reason meant for them."""
    if role == SYSTEM:
        return shown_reason_lazy(reason)
    return reason if reason_is_public(role, to_status) else ""


def move(
    ticket: Ticket,
    to_status: str,
    *,
    actor: User | None,
    reason: str = "",
    now: datetime,
    notify: bool = True,
) -> TicketEvent:
    """Move one locked ticket to `to_status` as `actor` (None: the system).

    A staff reason the client must read ("what is missing", "the proposed solution") is posted to
    the timeline as a message. `notify=False` when the requester caused the move with their own
    message (TKT-7): they are not told what they just did.
    """
    role = access.ticket_actor_role(actor, ticket)
    from_status = ticket.status
    check_move(from_status, to_status, role, reason)
    reason = reason.strip()
    fields = _enter(ticket, to_status, now=now, policy_for=acceptance_policy_for)
    event = TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.STATUS,
        actor=actor,
        created_at=now,
        from_value=from_status,
        to_value=to_status,
        reason=reason,
    )
    fields += deadlines.refresh_sla(ticket, now=now)
    ticket.save(update_fields=fields)
    survey_path = surveys_create([ticket], now=now).get(ticket.pk, "") if _surveyed(ticket, to_status) else ""
    if reason_is_public(role, to_status):  # a staff move: `actor` is a user, not the system
        Message.objects.create(ticket=ticket, author=cast(User, actor), body=reason, created_at=now)
    if notify:
        notify_status(ticket, reason=_notice_reason(role, to_status, reason), survey_path=survey_path)
    elif survey_path:
        notify_survey(ticket, survey_path)  # the requester moved it: no news but the survey
    return event


def move_batch(
    tickets: Sequence[Ticket],
    to_status: str,
    *,
    reason: str,
    now: datetime,
    due: Callable[[Ticket], datetime] | None = None,
) -> None:
    """Move a batch of locked tickets as the system, set-based (OPS-1): one UPDATE of the tickets
    (`core.bulk.update_rows`), one INSERT of events, one of surveys, and
    the e-mails (inside `outbox.services.batched_dispatch`: described, rendered when sent).

    `due(ticket)`: the instant the move was due (TKT-8: the end of the wait), stamped on the event
    and the status change and starting the next status's windows, however late the job runs;
    without it, `now`. `updated_at` is always `now`, when the row was written."""
    if not tickets:
        return
    for from_status in {ticket.status for ticket in tickets}:
        check_move(from_status, to_status, SYSTEM, reason)
    policy_for = acceptance_policies_for(tickets)
    moved = [(ticket, ticket.status, due(ticket) if due else now) for ticket in tickets]
    fields: list[str] = []
    for ticket, _from_status, at in moved:
        fields = _enter(ticket, to_status, now=at, policy_for=policy_for)
        ticket.updated_at = now
    TicketEvent.objects.bulk_create(
        TicketEvent(
            ticket=ticket,
            kind=TicketEvent.Kind.STATUS,
            actor=None,
            created_at=at,
            from_value=from_status,
            to_value=to_status,
            reason=reason,
        )
        for ticket, from_status, at in moved
    )
    refreshed = [ticket for ticket, from_status, _at in moved if _clock_changes(from_status, to_status)]
    if refreshed:
        fields += deadlines.refresh_sla_many(refreshed, now=now)
    update_rows(tickets, sorted(set(fields)))  # one UPDATE, not a CASE per row and field
    survey_paths = surveys_create([ticket for ticket in tickets if _surveyed(ticket, to_status)], now=now)
    notice_reason = _notice_reason(SYSTEM, to_status, reason)
    for ticket in tickets:
        notify_status(
            ticket, reason=notice_reason, survey_path=survey_paths.get(ticket.pk, ""), by_the_portal=True
        )
