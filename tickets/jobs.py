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

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from outbox.services import batched_dispatch, drain_after_commit, email_enqueue

from . import services
from .models import Ticket, TicketEvent, TicketNotice

logger = logging.getLogger(__name__)
S = Ticket.Status
BATCH_SIZE = 500


@dataclass
class JobResult:
    name: str
    changed: int = 0
    batches: int = 0


def _due_ids(queryset, limit: int, *, by: str) -> list[int]:
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


def _lock_due(ids: list[int], **condition) -> list[Ticket]:
    """Lock the tickets among `ids` that still match `condition`, skipping rows locked by a user."""
    return list(
        Ticket.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("requester", "acceptance_policy")
        .filter(pk__in=ids, **condition)
        .order_by("pk")
    )


def _auto_move(tickets: list[Ticket], to_status: str, reason: str, now: datetime) -> None:
    """Set-based status change by the system: one UPDATE, one INSERT of events, then side effects."""
    from . import lifecycle

    pks = [ticket.pk for ticket in tickets]
    values = {"status": to_status, "status_changed_at": now, "auto_action_at": None, "updated_at": now}
    if to_status == S.CLOSED:
        values.update(closed_at=now, sla_due_at=None, sla_risk_at=None)
    Ticket.objects.filter(pk__in=pks).update(**values)
    TicketEvent.objects.bulk_create(
        TicketEvent(
            ticket=ticket,
            kind=TicketEvent.Kind.STATUS,
            actor=None,
            created_at=now,
            from_value=ticket.status,
            to_value=to_status,
            reason=reason,
        )
        for ticket in tickets
    )
    surveyed = []
    for ticket in tickets:
        ticket.status, ticket.status_changed_at = to_status, now
        if to_status == S.AWAITING_VALIDATION:
            # The acceptance window opens now (ACP-1); the SLA clock stays paused (SLA-4).
            fields = lifecycle.status_entered(ticket, to_status, now=now)
            ticket.save(update_fields=fields)
        if to_status == S.CLOSED or (
            to_status == S.AWAITING_VALIDATION and ticket.acceptance_policy.survey_on_validation
        ):
            surveyed.append(ticket)
        services.notify_status(ticket, reason=reason)
    lifecycle.surveys_send(surveyed, now=now)  # SRV-1, one INSERT for the batch


def pending_client_timeout(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> JobResult:
    """TKT-8: 7 business days in "pending client" without a reply -> "awaiting validation"."""
    now = now or timezone.now()
    due = Ticket.objects.filter(status=S.PENDING_CLIENT, auto_action_at__lte=now)

    def process(ids: list[int]) -> int:
        tickets = _lock_due(ids, status=S.PENDING_CLIENT, auto_action_at__lte=now)
        _auto_move(tickets, S.AWAITING_VALIDATION, _("Sem resposta do cliente em 7 dias úteis"), now)
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
        tickets = _lock_due(ids, status=S.AWAITING_VALIDATION, auto_action_at__lte=now)
        _auto_move(tickets, S.CLOSED, _("Encerrado automaticamente: o prazo de validação terminou"), now)
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
        tickets = _lock_due(
            ids,
            status=S.AWAITING_VALIDATION,
            acceptance_reminder_sent_at__isnull=True,
            acceptance_reminder_at__lte=now,
        )
        # One notice row per (ticket, kind, deadline); the e-mail's dedupe key is the same triple.
        TicketNotice.objects.bulk_create(
            [
                TicketNotice(
                    ticket=ticket,
                    kind=TicketNotice.Kind.ACCEPTANCE_REMINDER,
                    due_at=ticket.acceptance_deadline,
                    created_at=now,
                )
                for ticket in tickets
            ],
            ignore_conflicts=True,
        )
        Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(acceptance_reminder_sent_at=now)
        for ticket in tickets:
            services.notify_requester(
                ticket,
                "tickets/acceptance_reminder",
                deadline=ticket.acceptance_deadline,
                dedupe_key=f"acp2:{ticket.pk}:{ticket.acceptance_deadline.isoformat()}",
            )
        return len(tickets)

    return _run_batches(
        "acceptance_reminders", lambda: _due_ids(due, batch_size, by="acceptance_reminder_at"), process
    )


def _team_notice(kind: str, tickets: list[Ticket], now: datetime) -> int:
    """Record one notice per ticket (unique) and e-mail each team the tickets that are new to it."""
    TicketNotice.objects.bulk_create(
        [TicketNotice(ticket=t, kind=kind, due_at=t.sla_due_at, created_at=now) for t in tickets],
        ignore_conflicts=True,
    )
    by_team: dict[int, list[Ticket]] = defaultdict(list)
    for ticket in tickets:
        by_team[ticket.team_id].append(ticket)
    from .models import Team

    for team in Team.objects.filter(pk__in=by_team).prefetch_related("members"):
        recipients = access.team_notice_recipients(team)
        if not recipients:
            continue
        batch = sorted(by_team[team.pk], key=lambda t: t.sla_due_at)
        email_enqueue(
            to=recipients,
            template=f"tickets/team_{kind}",
            language="pt-br",
            context={"team": team.name, "tickets": [(t.number, t.summary, t.sla_due_at) for t in batch]},
            dedupe_key=f"{kind}:{team.pk}:{now.isoformat()}:{batch[0].pk}",
        )
    return len(tickets)


def sla_marking(*, now: datetime | None = None, batch_size: int = 1000) -> list[JobResult]:
    """SLA-5 / OPS-1: mark breached tickets and notify their team; notify at-risk tickets once."""
    now = now or timezone.now()
    open_with_deadline = Ticket.objects.exclude(status=S.CLOSED).filter(sla_due_at__isnull=False)
    breached_due = open_with_deadline.filter(sla_due_at__lte=now, sla_breached_at__isnull=True)

    def process_breached(ids: list[int]) -> int:
        tickets = _lock_due(ids, sla_due_at__lte=now, sla_breached_at__isnull=True, sla_due_at__isnull=False)
        Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(sla_breached_at=F("sla_due_at"))
        return _team_notice(TicketNotice.Kind.SLA_BREACHED, tickets, now)

    already_warned = TicketNotice.objects.filter(
        ticket=OuterRef("pk"), kind=TicketNotice.Kind.SLA_AT_RISK, due_at=OuterRef("sla_due_at")
    )
    risk_due = open_with_deadline.filter(sla_risk_at__lte=now, sla_due_at__gt=now).exclude(
        Exists(already_warned)
    )

    def process_risk(ids: list[int]) -> int:
        tickets = _lock_due(ids, sla_risk_at__lte=now, sla_due_at__gt=now)
        return _team_notice(TicketNotice.Kind.SLA_AT_RISK, tickets, now)

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
