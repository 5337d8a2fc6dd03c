"""The statement's rows (TKT-11): the tickets opened in a period that the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from accounts import access
from accounts.models import User
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
    return queryset.select_related("company", "product", "requester").order_by("created_at", "pk")
