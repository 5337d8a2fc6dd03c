"""A consultancy's steps in its ticket's history (TKT-6): the client reads them in the timeline."""

from __future__ import annotations

from datetime import datetime

from accounts.models import User
from tickets.models import TicketEvent

from .models import Consultancy


def consultancy_event(
    consultancy: Consultancy, *, actor: User | None, now: datetime, to_value: str, reason: str = ""
) -> TicketEvent:
    """The consultancy's step in its ticket's history (TKT-6): the client reads it in the timeline."""
    return TicketEvent.objects.create(
        ticket=consultancy.ticket,
        kind=TicketEvent.Kind.CONSULTANCY,
        actor=actor,
        created_at=now,
        from_value=str(consultancy.modality),
        to_value=to_value,
        reason=reason,
    )
