"""The statement's rows (TKT-11): the tickets opened in a period that the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from accounts import access
from accounts.models import User
from consultoria.models import TimeEntry
from consultoria.workflow import BILLABLE_STATUSES
from core.periods import period_bounds
from tickets.models import Ticket

MAX_STATEMENT_DAYS = 366


def tickets_statement(
    user: User, *, start: date, end: date, company_id: int | None = None
) -> QuerySet[Ticket]:
    """TKT-11: the tickets opened in [start, end] (local dates) that the user may see, oldest first."""
    since, until = period_bounds(start, end)
    queryset = access.tickets_visible_to(user).filter(created_at__gte=since, created_at__lt=until)
    if company_id is not None:
        queryset = queryset.filter(company_id=company_id)
    return (
        queryset.select_related("company", "product", "requester")
        .annotate(consultancy_minutes=Coalesce(_consultancy_minutes(), 0))
        .order_by("created_at", "pk")
    )


def _consultancy_minutes() -> Subquery:
    """The minutes recorded in a ticket's accepted consultancies (CON-6): one value per ticket."""
    entries = (
        TimeEntry.objects.filter(
            session__consultancy__ticket=OuterRef("pk"),
            session__consultancy__status__in=BILLABLE_STATUSES,
        )
        .order_by()
        .values("session__consultancy__ticket")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Subquery(entries)
