"""Periodic jobs (OPS-1): TKT-8, ACP-2, ACP-4 and SLA breach/at-risk marking.

Each job works in bounded, set-based batches and is safe to run twice or concurrently with
itself and with users:
- due rows are read through an index (status, auto_action_at) and locked with
  `SELECT ... FOR UPDATE SKIP LOCKED` *re-checking the condition* (compare-and-set): a ticket a
  client is replying to right now is skipped (it will not be due any more, or is picked next run);
  a ticket already moved by a concurrent job no longer matches;
- notices keep a unique (ticket, kind, due) row, so a reminder is recorded once;
- e-mails go to the outbox in the same transaction and are sent after commit by one drain task.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from outbox.services import batched_dispatch, drain_after_commit

from .deadlines import SLA_RANK, SlaState, sla_state_conditions
from .locks import tickets_lock_due
from .models import Team, Ticket, TicketNotice
from .notifications import notify_requester, notify_team
from .workflow.moves import move_batch
from .workflow.table import NO_REPLY_IN_TIME, VALIDATION_WINDOW_ENDED

logger = logging.getLogger(__name__)
S = Ticket.Status
BATCH_SIZE = 500


@dataclass
class JobResult:
    name: str
    changed: int = 0
    batches: int = 0


def _due_ids(queryset: QuerySet[Ticket], limit: int, *, by: str) -> list[int]:
    """The next due ids, read through the index on `by` (the due instant): ordering by pk would
    walk the primary key past every row already done."""
    return list(queryset.order_by(by, "pk").values_list("pk", flat=True)[:limit])


def _run_batches(
    name: str, select_due: Callable[[], list[int]], process: Callable[[list[int]], int]
) -> JobResult:
    """Process due ids batch by batch until none is left (or a batch changes nothing)."""
    result = JobResult(name)
    while ids := select_due():
        with transaction.atomic(), batched_dispatch():
            changed = process(ids)
            if changed:
                drain_after_commit()
        result.batches += 1
        result.changed += changed
        if not changed:
            break  # the rest is locked by someone else right now: next run
    return result


def pending_client_timeout(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> JobResult:
    """TKT-8: 7 business days in "pending client" without a reply -> "awaiting validation", as of
    the instant the 7th business day ended (the ticket's `auto_action_at`)."""
    now = now or timezone.now()
    due = Ticket.objects.filter(status=S.PENDING_CLIENT, auto_action_at__lte=now)

    def process(ids: list[int]) -> int:
        tickets = tickets_lock_due(ids, status=S.PENDING_CLIENT, auto_action_at__lte=now)
        # Stamped at the instant the wait ended, not the run's: a late run starts the acceptance
        # window at the same instant an on-time run would have.
        move_batch(
            tickets,
            S.AWAITING_VALIDATION,
            reason=NO_REPLY_IN_TIME,
            now=now,
            due=lambda ticket: cast(datetime, ticket.auto_action_at),
        )
        return len(tickets)

    return _run_batches(
        "pending_client_timeout", lambda: _due_ids(due, batch_size, by="auto_action_at"), process
    )


def acceptance_autoclose(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> JobResult:
    """ACP-4: no answer within the acceptance window -> closed for good (a later reply becomes a
    follow-up)."""
    now = now or timezone.now()
    due = Ticket.objects.filter(status=S.AWAITING_VALIDATION, auto_action_at__lte=now)

    def process(ids: list[int]) -> int:
        tickets = tickets_lock_due(ids, status=S.AWAITING_VALIDATION, auto_action_at__lte=now)
        move_batch(tickets, S.CLOSED, reason=VALIDATION_WINDOW_ENDED, now=now)
        return len(tickets)

    return _run_batches(
        "acceptance_autoclose", lambda: _due_ids(due, batch_size, by="auto_action_at"), process
    )


def acceptance_reminders(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> JobResult:
    """ACP-2: remind the requester before the acceptance window ends, once per deadline."""
    now = now or timezone.now()
    due = Ticket.objects.filter(
        status=S.AWAITING_VALIDATION,
        acceptance_reminder_sent_at__isnull=True,
        acceptance_reminder_at__lte=now,
        acceptance_deadline__gt=now,
    )

    def process(ids: list[int]) -> int:
        tickets = tickets_lock_due(
            ids,
            status=S.AWAITING_VALIDATION,
            acceptance_reminder_sent_at__isnull=True,
            acceptance_reminder_at__lte=now,
        )
        # One notice row per (ticket, kind, deadline); the e-mail's dedupe key is the same triple.
        # (A ticket awaiting validation with a reminder due has its acceptance deadline: the casts.)
        TicketNotice.objects.bulk_create(
            [
                TicketNotice(
                    ticket=ticket,
                    kind=TicketNotice.Kind.ACCEPTANCE_REMINDER,
                    due_at=cast(datetime, ticket.acceptance_deadline),
                    created_at=now,
                )
                for ticket in tickets
            ],
            ignore_conflicts=True,
        )
        Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(acceptance_reminder_sent_at=now)
        for ticket in tickets:
            notify_requester(
                ticket,
                "tickets/acceptance_reminder",
                deadline=ticket.acceptance_deadline,
                dedupe_key=f"acp2:{ticket.pk}:{cast(datetime, ticket.acceptance_deadline).isoformat()}",
            )
        return len(tickets)

    return _run_batches(
        "acceptance_reminders", lambda: _due_ids(due, batch_size, by="acceptance_reminder_at"), process
    )


def _team_notice(kind: str, tickets: list[Ticket], now: datetime) -> int:
    """Record one notice per ticket (unique) and e-mail each team the tickets that are new to it."""
    TicketNotice.objects.bulk_create(
        # Tickets at risk or breached all have a deadline (`sla_state_conditions`).
        [
            TicketNotice(ticket=t, kind=kind, due_at=cast(datetime, t.sla_due_at), created_at=now)
            for t in tickets
        ],
        ignore_conflicts=True,
    )
    by_team: dict[int, list[Ticket]] = defaultdict(list)
    for ticket in tickets:
        by_team[ticket.team_id].append(ticket)
    for team in Team.objects.filter(pk__in=by_team).prefetch_related("members"):
        notify_team(team, kind, by_team[team.pk], now=now)
    return len(tickets)


def sla_rank_refresh(*, now: datetime | None = None) -> JobResult:
    """SLA-5: move the stored queue rank (`Ticket.sla_rank`) on as the clock passes the stored
    instants: "on time" -> "at risk" -> "breached". Two set-based UPDATEs through partial indexes;
    only ever towards more risk, so running twice or concurrently with a move is harmless (a move
    sets the rank of the instant it happens)."""
    now = now or timezone.now()
    states = sla_state_conditions(now)
    on_time, at_risk, breached = (
        SLA_RANK[s] for s in (SlaState.ON_TIME, SlaState.AT_RISK, SlaState.BREACHED)
    )
    result = JobResult("sla_rank_refresh", batches=1)
    result.changed = Ticket.objects.filter(states[SlaState.BREACHED], sla_rank__in=(on_time, at_risk)).update(
        sla_rank=breached
    )
    result.changed += Ticket.objects.filter(states[SlaState.AT_RISK], sla_rank=on_time).update(
        sla_rank=at_risk
    )
    return result


def sla_marking(*, now: datetime | None = None, batch_size: int = 1000) -> list[JobResult]:
    """SLA-5 / OPS-1: mark breached tickets and notify their team; notify at-risk tickets once.
    "Breached" and "at risk" are the one definition of tickets.deadlines. The queue's stored rank
    moves on first (`sla_rank_refresh`)."""
    now = now or timezone.now()
    sla_rank_refresh(now=now)
    states = sla_state_conditions(now)
    newly_breached = states[SlaState.BREACHED] & Q(sla_breached_at__isnull=True)
    at_risk = states[SlaState.AT_RISK]

    def process_breached(ids: list[int]) -> int:
        tickets = tickets_lock_due(ids, newly_breached)
        Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(sla_breached_at=F("sla_due_at"))
        return _team_notice(TicketNotice.Kind.SLA_BREACHED, tickets, now)

    already_warned = TicketNotice.objects.filter(
        ticket=OuterRef("pk"), kind=TicketNotice.Kind.SLA_AT_RISK, due_at=OuterRef("sla_due_at")
    )
    risk_due = Ticket.objects.filter(at_risk).exclude(Exists(already_warned))

    def process_risk(ids: list[int]) -> int:
        tickets = tickets_lock_due(ids, at_risk)
        return _team_notice(TicketNotice.Kind.SLA_AT_RISK, tickets, now)

    breached_due = Ticket.objects.filter(newly_breached)
    return [
        _run_batches(
            "sla_breached", lambda: _due_ids(breached_due, batch_size, by="sla_due_at"), process_breached
        ),
        _run_batches("sla_at_risk", lambda: _due_ids(risk_due, batch_size, by="sla_risk_at"), process_risk),
    ]


def run_all(*, now: datetime | None = None) -> list[JobResult]:
    """Every periodic job once, in the order a day would run them (`run_periodic_jobs`)."""
    now = now or timezone.now()
    return [
        pending_client_timeout(now=now),
        acceptance_reminders(now=now),
        acceptance_autoclose(now=now),
        *sla_marking(now=now),
    ]
