"""The person's last visit to a ticket's page (the portal's unread marker)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.models import User

from ..models import Ticket, TicketSeen


def ticket_mark_seen(*, user: User, ticket: Ticket, now: datetime | None = None) -> None:
    """Record that `user` has just read `ticket` (one upsert; a read receipt, nothing the ticket shows)."""
    TicketSeen.objects.update_or_create(user=user, ticket=ticket, defaults={"seen_at": now or timezone.now()})
