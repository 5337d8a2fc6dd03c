"""Row locks on tickets, in one place and always in primary-key order (Saleor's lock_objects.py):
two transactions locking the same tickets take them in the same order and never deadlock."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.db.models import ForeignKey, Q

from .models import Ticket

# What a move reads with the locked row: its company (access, SLA targets), its frozen calendar,
# its product (the acceptance policy of its line) and its requester (notices).
LOCK_RELATED = ("company", "sla_snapshot", "product", "requester", "acceptance_policy")
LOCK_SHARED = tuple(name for name in LOCK_RELATED if name != "requester")  # few rows, many tickets


def ticket_lock(ticket: Ticket) -> Ticket:
    """Lock one ticket (a user's action: wait for a concurrent job or reply to finish)."""
    return Ticket.objects.select_for_update(of=("self",)).select_related(*LOCK_RELATED).get(pk=ticket.pk)


def tickets_lock_due(ids: Iterable[int], *conditions: Q, **condition: object) -> list[Ticket]:
    """Lock the tickets among `ids` that still match the conditions (compare-and-set), skipping
    rows a user holds right now: a periodic job takes them at its next run (OPS-1)."""
    tickets = list(
        Ticket.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("requester")
        .filter(*conditions, pk__in=list(ids), **condition)
        .order_by("pk")
    )
    # The rows many tickets share (a calendar snapshot is a large JSON; companies, products and
    # policies are few) are read once per batch, and their tickets get the same instance: an
    # engine clock is then built once per snapshot, not per ticket.
    for name in LOCK_SHARED:
        field = cast("ForeignKey[Any, Any]", Ticket._meta.get_field(name))
        related = field.related_model._base_manager.in_bulk(
            {getattr(ticket, field.attname) for ticket in tickets} - {None}
        )
        for ticket in tickets:
            key = getattr(ticket, field.attname)
            if key is not None:
                setattr(ticket, name, related[key])
    return tickets
