"""A ticket's SLA (SLA-1..8, SEV-2): its status history turned into the SLA side's terms, with the
clocks of the workflow table (tickets/workflow/table.py), and the SLA fields stored on the ticket.

The arithmetic and the calendars are the `sla` app's; which statuses pause the clock, which one
stops it for good and when the maintenance target governs are the workflow's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db.models import Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from sla import services as sla_services
from sla.models import CalendarSnapshot

from .models import Ticket, TicketEvent
from .workflow.table import STATUSES, Target, is_paused

History = Sequence[tuple[datetime, str]]  # (instant, status entered), the opening included


def status_history(ticket: Ticket) -> list[tuple[datetime, str]]:
    """(instant, status entered) from the opening on: what the SLA counts pauses from (SLA-4)."""
    history: list[tuple[datetime, str]] = [(ticket.created_at, Ticket.Status.NEW)]
    history += list(
        TicketEvent.objects.filter(ticket=ticket, kind=TicketEvent.Kind.STATUS)
        .order_by("created_at", "pk")
        .values_list("created_at", "to_value")
    )
    return history


def pauses_from_history(history: History) -> list[sla_services.Pause]:
    """SLA-4: the intervals a ticket waited on the client, from its (instant, status) history.

    A pause runs from entering a waiting status until leaving it; still open (end None) when the
    ticket waits now. A closed ticket's clock stops at closing (`ticket_sla_compute`).
    """
    pauses: list[sla_services.Pause] = []
    started: datetime | None = None
    for instant, status in sorted(history, key=lambda item: item[0]):
        waiting = is_paused(status)
        if waiting and started is None:
            started = instant
        elif not waiting and started is not None:
            pauses.append((started, instant))
            started = None
    if started is not None:
        pauses.append((started, None))
    return pauses


def ticket_sla_compute(
    *,
    company: Company,
    severity: str,
    kind: str,
    opened_at: datetime,
    history: History,
    now: datetime | None = None,
    snapshot: CalendarSnapshot | None = None,
    book: sla_services.TargetsBook | None = None,
) -> sla_services.TicketSla:
    """Deadlines from the opening instant (SLA-3) of a ticket with this history: its waiting time
    paused (SLA-4), its clock stopped when it closed, the maintenance target while in
    maintenance (SEV-2)."""
    now = now or timezone.now()
    ordered = sorted(history, key=lambda item: item[0])
    stopped_at = min((instant for instant, status in ordered if STATUSES[status].final), default=None)
    until = min(now, stopped_at) if stopped_at is not None else now
    considered = [item for item in ordered if item[0] <= until]
    current = ordered[-1][1] if ordered else Ticket.Status.NEW
    return sla_services.ticket_sla_compute(
        company=company,
        severity=severity,
        kind=kind,
        opened_at=opened_at,
        pauses=pauses_from_history(considered),
        stopped_at=stopped_at,
        maintenance=STATUSES[current].target == Target.MAINTENANCE,
        now=now,
        snapshot=snapshot,
        book=book,
    )


def ticket_sla(
    ticket: Ticket,
    *,
    now: datetime | None = None,
    history: History | None = None,
    book: sla_services.TargetsBook | None = None,
) -> sla_services.TicketSla:
    """The ticket's SLA with its frozen calendar, always from the opening instant (SLA-3)."""
    return ticket_sla_compute(
        company=ticket.company,
        severity=ticket.severity,
        kind=ticket.kind,
        opened_at=ticket.created_at,
        history=history if history is not None else status_history(ticket),
        now=now,
        snapshot=ticket.sla_snapshot,
        book=book,
    )


SLA_FIELDS = (
    "sla_snapshot",
    "calendar_slug",
    "response_due_at",
    "maintenance_due_at",
    "sla_target_seconds",
    "sla_due_at",
    "sla_risk_at",
    "sla_paused",
    "sla_breached_at",
    "sla_rank",
)


def apply_sla(ticket: Ticket, sla: sla_services.TicketSla) -> list[str]:
    """Store the SLA on the ticket's fields (for index-friendly queues); returns the fields."""
    current = sla.current
    ticket.sla_snapshot = sla.snapshot
    ticket.calendar_slug = sla.calendar_slug
    ticket.response_due_at = sla.response.due_at
    ticket.maintenance_due_at = sla.maintenance.due_at
    ticket.sla_target_seconds = current.target_seconds
    ticket.sla_due_at = None if ticket.is_closed else current.due_at
    ticket.sla_risk_at = None if ticket.is_closed else current.risk_at
    ticket.sla_paused = current.paused
    if current.due_at is None or (ticket.sla_breached_at and current.due_at > ticket.sla_breached_at):
        ticket.sla_breached_at = None  # a longer target (reclassification) can lift a breach mark
    ticket.sla_rank = sla_rank_of(ticket, breached=current.breached, at_risk=current.at_risk)
    return list(SLA_FIELDS)


def refresh_sla(ticket: Ticket, *, now: datetime, history: History | None = None) -> list[str]:
    return apply_sla(ticket, ticket_sla(ticket, now=now, history=history))


def status_histories(tickets: Sequence[Ticket]) -> dict[int, list[tuple[datetime, str]]]:
    """`status_history` of a batch of tickets in one query."""
    histories: dict[int, list[tuple[datetime, str]]] = {
        ticket.pk: [(ticket.created_at, Ticket.Status.NEW)] for ticket in tickets
    }
    rows = (
        TicketEvent.objects.filter(ticket__in=[ticket.pk for ticket in tickets], kind=TicketEvent.Kind.STATUS)
        .order_by("created_at", "pk")
        .values_list("ticket_id", "created_at", "to_value")
    )
    for ticket_id, created_at, status in rows:
        histories[ticket_id].append((created_at, status))
    return histories


def refresh_sla_many(tickets: Sequence[Ticket], *, now: datetime) -> list[str]:
    """`refresh_sla` for a batch of tickets (periodic jobs): their histories in one query."""
    histories = status_histories(tickets)
    book = sla_services.TargetsBook(ticket.company_id for ticket in tickets)
    for ticket in tickets:
        apply_sla(ticket, ticket_sla(ticket, now=now, history=histories[ticket.pk], book=book))
    return list(SLA_FIELDS)


# --- The SLA state of a ticket (SLA-5): one definition for queries, lists, pages and jobs ----------------


class SlaState(TextChoices):
    """Breached once the deadline has passed; at risk once less than 20 % of the target is left
    (the engine's `risk_at`); both instants themselves still count as on time."""

    BREACHED = "estourado", _("Estourado")
    AT_RISK = "em-risco", _("Em risco")
    ON_TIME = "no-prazo", _("No prazo")
    PAUSED = "parado", _("Relógio parado")
    NO_DEADLINE = "sem-prazo", _("Sem prazo")
    CLOSED = "encerrado", _("Encerrado")


# SLA-5: the queue's risk order, stored on the ticket (`Ticket.sla_rank`): breached first, then at
# risk, on time, paused, without a deadline, closed last.
SLA_RANK: dict[str, int] = {state: rank for rank, state in enumerate(SlaState.values)}


def sla_rank_of(ticket: Ticket, *, breached: bool, at_risk: bool) -> int:
    """The stored rank of a ticket whose SLA fields were just set, the engine saying whether the
    governing target is breached or at risk at the instant of the change."""
    if ticket.is_closed:
        return SLA_RANK[SlaState.CLOSED]
    if ticket.sla_paused:
        return SLA_RANK[SlaState.PAUSED]
    if ticket.sla_due_at is None:
        return SLA_RANK[SlaState.NO_DEADLINE]
    if breached:
        return SLA_RANK[SlaState.BREACHED]
    return SLA_RANK[SlaState.AT_RISK] if at_risk else SLA_RANK[SlaState.ON_TIME]


def sla_state_conditions(now: datetime) -> dict[str, Q]:
    """Mutually exclusive conditions on the stored instants (sargable: column vs. a constant)."""
    closed = Q(status=Ticket.Status.CLOSED)
    running = ~closed & Q(sla_paused=False)
    return {
        SlaState.BREACHED: running & Q(sla_due_at__lt=now),
        SlaState.AT_RISK: running & Q(sla_due_at__gte=now, sla_risk_at__lt=now),
        SlaState.ON_TIME: running
        & Q(sla_due_at__gte=now)
        & (Q(sla_risk_at__gte=now) | Q(sla_risk_at__isnull=True)),
        SlaState.PAUSED: ~closed & Q(sla_paused=True),
        SlaState.NO_DEADLINE: running & Q(sla_due_at__isnull=True),
        SlaState.CLOSED: closed,
    }


def sla_state(ticket: Ticket, now: datetime) -> SlaState:
    """The same states as `sla_state_conditions`, for one ticket already in memory."""
    if ticket.status == Ticket.Status.CLOSED:
        return SlaState.CLOSED
    if ticket.sla_paused:
        return SlaState.PAUSED
    if ticket.sla_due_at is None:
        return SlaState.NO_DEADLINE
    if ticket.sla_due_at < now:
        return SlaState.BREACHED
    if ticket.sla_risk_at is not None and ticket.sla_risk_at < now:
        return SlaState.AT_RISK
    return SlaState.ON_TIME
