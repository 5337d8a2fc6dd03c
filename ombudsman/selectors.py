"""Reads of the Ombudsman (OMB-1), scoped by accounts.access: the cases a client follows and one
case's timeline and cited tickets."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts import access
from accounts.models import User
from tickets.models import Ticket

from .models import Case, CaseEntry


def cases_list(user: User, *, status: str = "") -> QuerySet[Case]:
    queryset = access.cases_visible_to(user).select_related("company", "opened_by")
    if status in Case.Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-opened_at", "-pk")


def case_timeline(case: Case) -> QuerySet[CaseEntry]:
    return CaseEntry.objects.filter(case=case).select_related("author").order_by("created_at", "pk")


def case_tickets(user: User, case: Case) -> QuerySet[Ticket]:
    """The cited tickets the user may still see (a contact who cannot see a colleague's ticket
    reads its number on the case, not a link)."""
    return case.tickets.filter(pk__in=access.tickets_visible_to(user).values("pk")).order_by("number")
