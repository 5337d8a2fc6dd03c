"""The person's last visit to a ticket's page (the portal's unread marker)."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.utils import timezone

from accounts.models import User

from ..models import Ticket, TicketSeen

_meta = TicketSeen._meta
_q = connection.ops.quote_name
# One statement in autocommit (PostgreSQL and SQLite): `bulk_create(update_conflicts=True)` wraps
# its INSERT in a transaction of its own, three round trips on every ticket page.
_UPSERT = (
    f"INSERT INTO {_q(_meta.db_table)} ({_q('user_id')}, {_q('ticket_id')}, {_q('seen_at')}) "  # noqa: S608
    f"VALUES (%s, %s, %s) ON CONFLICT ({_q('user_id')}, {_q('ticket_id')}) "
    f"DO UPDATE SET {_q('seen_at')} = excluded.{_q('seen_at')}"
)


def ticket_mark_seen(*, user: User, ticket: Ticket, now: datetime | None = None) -> None:
    """Record that `user` has just read `ticket`: one INSERT … ON CONFLICT UPDATE, a read receipt,
    nothing the ticket shows."""
    seen_at = _meta.get_field("seen_at").get_db_prep_value(now or timezone.now(), connection)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [user.pk, ticket.pk, seen_at])
