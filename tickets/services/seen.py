"""The person's last visit to a ticket's page (the portal's unread marker)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.models import User

from ..models import Ticket, TicketSeen


def ticket_mark_seen(*, user: User, ticket: Ticket, now: datetime | None = None) -> None:
    """Record that `user` has just read `ticket`: one INSERT … ON CONFLICT UPDATE (PostgreSQL and
    SQLite), a read receipt, nothing the ticket shows."""
    TicketSeen.objects.bulk_create(
        [TicketSeen(user=user, ticket=ticket, seen_at=now or timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "ticket"],
        update_fields=["seen_at"],
    )
