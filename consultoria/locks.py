"""Row locks of consultancies, in primary-key order (Saleor's lock_objects.py): a leader's decision,
the client's answer to the term and an analyst's time entry on the same consultancy are
serialised, so no minute is ever recorded on a term being declined (CON-3)."""

from __future__ import annotations

from accounts.models import User

from .models import Consultancy, TimeEntry

LOCK_RELATED = ("ticket__company", "ticket__requester", "modality", "payer_unit", "requested_by")


def consultancy_lock(consultancy: Consultancy) -> Consultancy:
    return (
        Consultancy.objects.select_for_update(of=("self",))
        .select_related(*LOCK_RELATED)
        .get(pk=consultancy.pk)
    )


def entry_lock(entry: TimeEntry) -> TimeEntry:
    return (
        TimeEntry.objects.select_for_update(of=("self",))
        .select_related("session__consultancy__ticket", "analyst")
        .get(pk=entry.pk)
    )


def analyst_lock(analyst: User) -> User:
    """Serialise one analyst's time entries: their entries never overlap (CON-6)."""
    return User.objects.select_for_update().get(pk=analyst.pk)
