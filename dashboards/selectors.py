"""The leaders' dashboard reads: every figure aggregated by the database (GROUP BY), so a page costs
the same few queries whatever the number of tickets, surveys or deflections (SRV-3, SLA-5, SELF-2).

Every read starts from what the user may see (`accounts.access`), and each one is the leaders'
(analysts and everyone else: forbidden).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Aggregate, Avg, Count, Q, QuerySet

from accounts import access
from accounts.models import User
from core.periods import SAO_PAULO, local
from knowledge.models import ArticleFeedback, Deflection
from sla import engine
from sla.models import Calendar, CalendarException, Holiday
from surveys.models import Survey
from tickets.models import Team, Ticket

# The calendar that says what "the next business day" is: the technical support's
# (sla.services.TECHNICAL_CALENDAR; selectors do not import services, a test keeps both equal).
HORIZON_CALENDAR = "suporte-tecnico"
# Age buckets of open tickets, in calendar days since opening: (label key, first day, last day).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-2", 0, 2),
    ("3-7", 3, 7),
    ("8-30", 8, 30),
    ("31+", 31, None),
)
BREACH_LIST_LIMIT = 50
COMMENTS_LIMIT = 10


@dataclass(frozen=True)
class Filters:
    """The dashboard's period (the last `months` months, the current one included) and team."""

    months: int
    team: Team | None
    now: datetime

    @property
    def month_starts(self) -> list[date]:
        """The first day of each month of the period, oldest first."""
        today = local(self.now).date()
        index = today.year * 12 + today.month - 1
        return [date(i // 12, i % 12 + 1, 1) for i in range(index - self.months + 1, index + 1)]

    @property
    def since(self) -> datetime:
        return datetime.combine(self.month_starts[0], time.min, tzinfo=SAO_PAULO)

    @property
    def month_bounds(self) -> list[tuple[date, datetime, datetime]]:
        """(first day, since, until) of each month of the period: Brasília midnights."""
        starts = self.month_starts
        following = date(starts[-1].year + starts[-1].month // 12, starts[-1].month % 12 + 1, 1)
        edges = [datetime.combine(day, time.min, tzinfo=SAO_PAULO) for day in [*starts, following]]
        return [(day, edges[i], edges[i + 1]) for i, day in enumerate(starts)]


def _per_month(filters: Filters, field: str, **aggregates: tuple[type[Aggregate], str, Q]) -> dict[str, Any]:
    """One aggregate per month and name: `name_<i>` over the rows whose `field` falls in month i.

    Range conditions on the column (index-friendly, no per-row time-zone function: SQLite runs
    those in Python), so a GROUP BY gives every month at once."""
    annotations: dict[str, Any] = {}
    for i, (_day, since, until) in enumerate(filters.month_bounds):
        in_month = Q(**{f"{field}__gte": since, f"{field}__lt": until})
        for name, (function, expression, condition) in aggregates.items():
            annotations[f"{name}_{i}"] = function(expression, filter=in_month & condition)
    return annotations


def _tickets(user: User, filters: Filters) -> QuerySet[Ticket]:
    tickets = access.tickets_visible_to(user)
    return tickets.filter(team=filters.team) if filters.team is not None else tickets


# --- 1. SLA compliance ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaMonth:
    team: str
    month: date
    closed: int
    met: int  # closed without their deadline ever marked as breached


def sla_compliance(user: User, filters: Filters) -> list[SlaMonth]:
    """Tickets closed in each month of the period, per team, and how many met their deadline: the
    breach mark (`sla_breached_at`, set by the SLA job at the deadline) never set. One query."""
    access.require_leader(user)
    monthly = _per_month(
        filters, "closed_at", closed=(Count, "pk", Q()), met=(Count, "pk", Q(sla_breached_at__isnull=True))
    )
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in _tickets(user, filters)
        .filter(status=Ticket.Status.CLOSED, closed_at__gte=filters.since)
        .values("team__name")
        .annotate(**monthly)
        .order_by("team__name")
    ]
    return [
        SlaMonth(row["team__name"], day, row[f"closed_{i}"], row[f"met_{i}"])
        for row in rows
        for i, (day, _since, _until) in enumerate(filters.month_bounds)
        if row[f"closed_{i}"]
    ]


# --- 2. Backlog ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BacklogStatus:
    status: str
    by_age: dict[str, int]  # AGE_BUCKETS key -> open tickets

    @property
    def total(self) -> int:
        return sum(self.by_age.values())


def backlog(user: User, filters: Filters) -> list[BacklogStatus]:
    """Open tickets per status and age bucket (calendar days since opening). One query."""
    access.require_leader(user)
    buckets: dict[str, Any] = {}
    for key, first, last in AGE_BUCKETS:
        condition = Q(created_at__lte=filters.now - timedelta(days=first))
        if last is not None:
            condition &= Q(created_at__gt=filters.now - timedelta(days=last + 1))
        buckets[f"age_{key}"] = Count("pk", filter=condition)
    rows: dict[str, dict[str, Any]] = {
        row["status"]: dict(row)
        for row in _tickets(user, filters)
        .exclude(status=Ticket.Status.CLOSED)
        .values("status")
        .annotate(**buckets)
        .order_by("status")
    }
    return [
        BacklogStatus(status, {key: rows[status][f"age_{key}"] for key, _first, _last in AGE_BUCKETS})
        for status in Ticket.Status.values
        if status in rows
    ]


# --- 3. Breaches coming --------------------------------------------------------------------------------


def next_business_day_end(now: datetime) -> datetime:
    """The end of the next business day after today's, on the technical support's calendar (its
    weekly hours, national holidays, closed and special dates): four queries. Without that
    calendar, the end of tomorrow."""
    calendar = Calendar.objects.filter(slug=HORIZON_CALENDAR).first()
    tz = ZoneInfo(calendar.time_zone) if calendar is not None else SAO_PAULO
    today = now.astimezone(tz).date()
    if calendar is None:
        return datetime.combine(today + timedelta(days=2), time.min, tzinfo=tz)
    last_day = today + timedelta(days=31)
    weekly: list[list[tuple[int, int]]] = [[] for _day in range(7)]
    for interval in calendar.intervals.all():
        weekly[interval.weekday].append(interval.seconds)
    closed: set[date] = set()
    if calendar.holiday_policy != Calendar.HolidayPolicy.NONE:
        closed |= set(
            Holiday.objects.filter(
                scope=Holiday.Scope.NATIONAL, date__gt=today, date__lte=last_day
            ).values_list("date", flat=True)
        )
    extra: dict[date, list[tuple[int, int]]] = {}
    for exception in calendar.exceptions.filter(date__gt=today, date__lte=last_day):
        if exception.kind == CalendarException.Kind.CLOSED:
            closed.add(exception.date)
        elif exception.start is not None and exception.end is not None:
            start = exception.start.hour * 3600 + exception.start.minute * 60
            end = exception.end.hour * 3600 + exception.end.minute * 60 or 86400
            extra.setdefault(exception.date, []).append((start, end))
    schedule = engine.Calendar(
        weekly=tuple(tuple(sorted(day)) for day in weekly),
        tz=calendar.time_zone,
        closed_dates=frozenset(closed),
        extra_working_dates=tuple((day, tuple(sorted(pairs))) for day, pairs in extra.items()),
    )
    for offset in range(1, 32):
        day = today + timedelta(days=offset)
        intervals = schedule.intervals_on(day)
        if intervals:
            return datetime.combine(day, time.min, tzinfo=tz) + timedelta(seconds=intervals[-1][1])
    return datetime.combine(today + timedelta(days=2), time.min, tzinfo=tz)  # a calendar never open


@dataclass(frozen=True)
class BreachesTeam:
    team_id: int
    team: str
    coming: int  # running tickets whose deadline falls between now and the horizon
    breached: int  # open tickets already past their deadline


@dataclass(frozen=True)
class BreachesComing:
    horizon: datetime
    by_team: list[BreachesTeam]
    tickets: list[Ticket]  # the first BREACH_LIST_LIMIT coming, soonest first
    total: int


def breaches_coming(user: User, filters: Filters) -> BreachesComing:
    """Tickets whose deadline falls before the end of the next business day, per team, with those
    already breached beside them. Six queries."""
    access.require_leader(user)
    horizon = next_business_day_end(filters.now)
    # The running clocks of tickets.deadlines.sla_state_conditions (reads do not import the SLA
    # side's services, which that module does; a test checks both agree).
    running = ~Q(status=Ticket.Status.CLOSED) & Q(sla_paused=False)
    breached = running & Q(sla_due_at__lt=filters.now)
    coming = running & Q(sla_due_at__gte=filters.now, sla_due_at__lt=horizon)
    tickets = _tickets(user, filters)
    rows = (
        tickets.filter(coming | breached)
        .values("team_id", "team__name")
        .annotate(coming=Count("pk", filter=coming), breached=Count("pk", filter=breached))
        .order_by("team__name")
    )
    by_team = [
        BreachesTeam(row["team_id"], row["team__name"], row["coming"], row["breached"]) for row in rows
    ]
    listed = list(
        tickets.filter(coming)
        .select_related("team", "company", "assignee")
        .order_by("sla_due_at", "pk")[:BREACH_LIST_LIMIT]
    )
    return BreachesComing(horizon, by_team, listed, sum(row.coming for row in by_team))


# --- 4. Satisfaction -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SatisfactionMonth:
    team: str
    analyst: str | None  # None: the team's row
    month: date
    answered: int
    average: float | None


@dataclass(frozen=True)
class Satisfaction:
    by_team: list[SatisfactionMonth]
    by_analyst: list[SatisfactionMonth]
    comments: list[Survey]  # the latest answers with a comment


def satisfaction(user: User, filters: Filters) -> Satisfaction:
    """Surveys answered in each month of the period: their count and average score per team and per
    analyst, and the latest comments. Three queries."""
    access.require_leader(user)
    surveys = access.surveys_visible_to(user).filter(answered_at__gte=filters.since, rating__isnull=False)
    if filters.team is not None:
        surveys = surveys.filter(team=filters.team)
    monthly = _per_month(filters, "answered_at", answered=(Count, "pk", Q()), average=(Avg, "rating", Q()))

    def grouped(*names: str) -> list[SatisfactionMonth]:
        rows = surveys.values(*names).annotate(**monthly).order_by(*names)
        return [
            SatisfactionMonth(
                row["team__name"],
                (row["analyst__full_name"] or "") if "analyst__full_name" in names else None,
                day,
                row[f"answered_{i}"],
                row[f"average_{i}"],
            )
            for row in rows
            for i, (day, _since, _until) in enumerate(filters.month_bounds)
            if row[f"answered_{i}"]
        ]

    by_team = grouped("team__name")
    by_analyst = grouped("analyst__full_name", "team__name")
    comments = list(
        surveys.exclude(comment="")
        .select_related("ticket", "analyst", "team")
        .order_by("-answered_at", "-pk")[:COMMENTS_LIMIT]
    )
    return Satisfaction(by_team, by_analyst, comments)


# --- 5. Tickets not opened (deflection) ----------------------------------------------------------------


@dataclass(frozen=True)
class DeflectionMonth:
    month: date
    deflected: int  # a client said a suggestion solved it, and did not open the ticket
    opened: int  # tickets opened by clients in the portal
    helpful: int  # "Esta resposta ajudou?" answered yes
    not_helpful: int


def deflection(user: User, filters: Filters) -> list[DeflectionMonth]:
    """Per month: tickets not opened (SELF-2) beside the tickets opened in the portal, and the
    readers' answers on articles. Deflections and articles have no team: every team counts. Three
    queries."""
    access.require_leader(user)

    def per_month(queryset: QuerySet[Any], field: str, **counts: Q) -> dict[str, int]:
        monthly = _per_month(filters, field, **{name: (Count, "pk", q) for name, q in counts.items()})
        return queryset.filter(**{f"{field}__gte": filters.since}).aggregate(**monthly)

    deflected = per_month(Deflection.objects.all(), "created_at", count=Q())
    portal = access.tickets_visible_to(user).filter(channel=Ticket.Channel.PORTAL)
    opened = per_month(portal, "created_at", count=Q())
    feedback = per_month(
        ArticleFeedback.objects.all(), "updated_at", yes=Q(helpful=True), no=Q(helpful=False)
    )
    return [
        DeflectionMonth(
            day, deflected[f"count_{i}"], opened[f"count_{i}"], feedback[f"yes_{i}"], feedback[f"no_{i}"]
        )
        for i, (day, _since, _until) in enumerate(filters.month_bounds)
    ]
