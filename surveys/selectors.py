"""Survey reads: a survey by its link, and the leaders' results per analyst, team and period (SRV-3)."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.periods import period_bounds

from .models import Survey
from .tokens import survey_pk_from_token


def survey_analysts() -> QuerySet[User]:
    """The people a survey can rate: the vendor's analysts and leaders (staff), never a client."""
    return User.objects.filter(is_staff=True, role__in=[User.Role.ANALYST, User.Role.LEADER]).order_by(
        "full_name", "pk"
    )


def survey_from_token(token: str) -> Survey | None:
    """The survey a valid link points to (no login: the signed token is the credential)."""
    pk = survey_pk_from_token(token)
    if pk is None:
        return None
    return Survey.objects.select_related("ticket", "analyst").filter(pk=pk).first()


class SurveyResult(TypedDict):
    """One row of the results: an analyst's or a team's surveys in the period (rates in %)."""

    name: str
    sent: int
    answered: int
    response_rate: int
    average: float | None
    satisfied_rate: int | None
    solved_rate: int | None


def survey_results(user: User, start: date, end: date, group_by: str) -> list[SurveyResult]:
    """Surveys sent in [start, end] (local dates) grouped by `analyst` or `team`: one query."""
    since, until = period_bounds(start, end)
    name = {"analyst": "analyst__full_name", "team": "team__name"}[group_by]
    rows = (
        access.surveys_visible_to(user)
        .filter(sent_at__gte=since, sent_at__lt=until)
        .values(name)
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            average=Avg("rating"),
            satisfied=Count("pk", filter=Q(rating__gte=4)),
            solved=Count("pk", filter=Q(solved=True)),
        )
        .order_by(name)
    )
    results: list[SurveyResult] = []
    for row in rows:
        answered = row["answered"]
        results.append(
            {
                "name": row[name] or _("(sem analista atribuído)"),
                "sent": row["sent"],
                "answered": answered,
                "response_rate": round(100 * answered / row["sent"]) if row["sent"] else 0,
                "average": round(row["average"], 2) if row["average"] is not None else None,
                "satisfied_rate": round(100 * row["satisfied"] / answered) if answered else None,
                "solved_rate": round(100 * row["solved"] / answered) if answered else None,
            }
        )
    return results
