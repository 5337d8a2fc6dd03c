"""Row locks on tickets, in one place and always in primary-key order (Saleor's lock_objects.py):
two transactions locking the same tickets take them in the same order and never deadlock."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from sla.models import CalendarSnapshot

from .models import Ticket

# What a move reads with the locked row: its company (access, SLA targets), its frozen calendar,
# its product (the acceptance policy of its line) and its requester (notices).
LOCK_RELATED = ("company", "sla_snapshot", "product", "requester", "acceptance_policy")


def ticket_lock(ticket: Ticket) -> Ticket:
    """Lock one ticket (a user's action: wait for a concurrent job or reply to finish)."""
    return Ticket.objects.select_for_update(of=("self",)).select_related(*LOCK_RELATED).get(pk=ticket.pk)


def tickets_lock_due(ids: Iterable[int], *conditions: Q, **condition: object) -> list[Ticket]:
    """Lock the tickets among `ids` that still match the conditions (compare-and-set), skipping
    rows a user holds right now: a periodic job takes them at its next run (OPS-1)."""
    tickets = list(
        Ticket.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(*(name for name in LOCK_RELATED if name != "sla_snapshot"))
        .filter(*conditions, pk__in=list(ids), **condition)
        .order_by("pk")
    )
    # A calendar snapshot is a large JSON shared by many tickets: read each once per batch, and
    # give its tickets the same instance (its engine clock is then built once, not per ticket).
    snapshots = CalendarSnapshot.objects.in_bulk({t.sla_snapshot_id for t in tickets} - {None})
    for ticket in tickets:
        if ticket.sla_snapshot_id is not None:
            ticket.sla_snapshot = snapshots[ticket.sla_snapshot_id]
    return tickets
