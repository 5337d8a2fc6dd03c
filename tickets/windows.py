"""When the system acts on its own: the acceptance window of a proposed solution (ACP-1, ACP-2,
ACP-5) and the "pending client" timeout (TKT-8). Computations only; the workflow stores them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db.models import Q

from sla import services as sla_services

from .models import AcceptancePolicy, Ticket

PENDING_CLIENT_BUSINESS_DAYS = 7  # TKT-8

PolicyLookup = Callable[[Ticket], AcceptancePolicy]


def acceptance_policy_for(ticket: Ticket) -> AcceptancePolicy:
    """The policy of the ticket's product line, or the default one (ACP-5)."""
    policy = AcceptancePolicy.objects.filter(product_line_id=ticket.product.line_id).first()
    return policy or AcceptancePolicy.objects.get(is_default=True)


def acceptance_policies_for(tickets: Iterable[Ticket]) -> PolicyLookup:
    """`acceptance_policy_for` for a batch (periodic jobs): one query for every line of the batch."""
    lines = {ticket.product.line_id for ticket in tickets}
    policies = list(AcceptancePolicy.objects.filter(Q(product_line_id__in=lines) | Q(is_default=True)))
    by_line = {policy.product_line_id: policy for policy in policies if policy.product_line_id}
    default = next((policy for policy in policies if policy.is_default), None)

    def lookup(ticket: Ticket) -> AcceptancePolicy:
        policy = by_line.get(ticket.product.line_id) or default
        return policy if policy is not None else AcceptancePolicy.objects.get(is_default=True)

    return lookup


def _business_days_later(ticket: Ticket, start: datetime, days: int) -> datetime:
    clock = sla_services.snapshot_clock(ticket.sla_snapshot)
    return clock.add(start, clock.days_to_seconds(start, days))


def acceptance_window(
    ticket: Ticket, policy: AcceptancePolicy, start: datetime
) -> tuple[datetime, datetime | None]:
    """(deadline, reminder instant) of a window opened at `start` (ACP-1, ACP-2, ACP-5)."""
    length, before = policy.window_length, policy.reminder_before
    if policy.window_unit == AcceptancePolicy.Unit.BUSINESS:
        deadline = _business_days_later(ticket, start, length)
        reminder = _business_days_later(ticket, start, length - before) if 0 < before < length else None
    else:
        deadline = start + timedelta(days=length)
        reminder = deadline - timedelta(days=before) if 0 < before < length else None
    return deadline, reminder


def pending_client_deadline(ticket: Ticket, start: datetime) -> datetime:
    """TKT-8: 7 business days of the ticket's service calendar after entering "pending client"."""
    return _business_days_later(ticket, start, PENDING_CLIENT_BUSINESS_DAYS)
