"""SLA on the Django side: load calendars, freeze them into snapshots, compute ticket deadlines.

The arithmetic is `sla/engine.py`; here we decide *which* calendar, holidays and targets apply
(CAL-2, SLA-8, SEV-1/2) and turn a ticket's status history into pauses (SLA-4), always counting
from the opening instant (SLA-3).
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import UF, Company
from core.errors import DomainError
from core.periods import SAO_PAULO

from . import engine
from .holiday_sources import package_holidays
from .models import (
    Calendar,
    CalendarException,
    CalendarSnapshot,
    Holiday,
    PrimeContract,
    Severity,
    SeverityTarget,
)

# Years around the opening instant a snapshot freezes: holidays of a ticket's whole life.
SNAPSHOT_YEARS_BEFORE, SNAPSHOT_YEARS_AFTER = 1, 5
AT_RISK_FRACTION = 0.20  # SLA-5: "at risk" when less than 20 % of the target is left
Pause = tuple[datetime, datetime | None]  # (start, end); end None while the pause is open


def normalize_place(value: str) -> str:
    """Municipality names compared without case or accents ("Sao Paulo" == "São Paulo")."""
    text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


# --- Holidays ---------------------------------------------------------------------------------------


@transaction.atomic
def holidays_import_year(*, year: int) -> int:
    """Import one year of public holidays from the `holidays` package; returns rows created.

    Idempotent: rows already present are kept as they are (a deadline may have used them).
    """
    if not 1900 <= year <= 2200:
        raise DomainError(_("Ano fora do intervalo aceito (1900–2200)."), field="year")
    before = Holiday.objects.filter(date__year=year, source=Holiday.Source.PACKAGE).count()
    Holiday.objects.bulk_create(
        [Holiday(source=Holiday.Source.PACKAGE, **row) for row in package_holidays(year)],
        ignore_conflicts=True,
    )
    return Holiday.objects.filter(date__year=year, source=Holiday.Source.PACKAGE).count() - before


def holidays_ensure_years(years: Iterable[int]) -> None:
    """Import the package's holidays for any year that has none yet (first use of a far year)."""
    wanted = set(years)
    present = set(
        Holiday.objects.filter(
            scope=Holiday.Scope.NATIONAL, date__year__in=wanted, source=Holiday.Source.PACKAGE
        )
        .values_list("date__year", flat=True)
        .distinct()
    )
    for year in sorted(wanted - present):
        holidays_import_year(year=year)


@dataclass(frozen=True)
class Place:
    """Where local holidays come from: a state and, optionally, a municipality (and company)."""

    state: str = ""
    municipality: str = ""
    company_id: int | None = None

    @classmethod
    def of_company(cls, company: Company) -> Place:
        return cls(company.state, company.municipality, company.pk)

    @classmethod
    def parse(cls, text: str) -> Place:
        """'SP' or 'SP/São Paulo' (CLI --local)."""
        state, _sep, municipality = (text or "").partition("/")
        state = state.strip().upper()
        if state not in UF.values:
            raise DomainError(
                _("UF desconhecida: %(uf)s. Use a sigla, como SP ou SP/São Paulo.") % {"uf": state or "?"}
            )
        return cls(state, municipality.strip())


def holidays_applied(
    *,
    calendar: Calendar,
    first_year: int,
    last_year: int,
    place: Place | None = None,
    add_local: bool = False,
    import_missing: bool = True,
) -> list[tuple[date, str, str]]:
    """(date, name, scope) of every holiday a calendar closes on, for the years given.

    National holidays unless the policy is "none"; the client's state, municipal and company
    dates when the policy is "local" (or `add_local`, the CLI's --local); plus the calendar's own
    closed dates. Special working dates are not removed here (see `calendar_snapshot`).
    `import_missing=False` for pages (no write on GET): the beat job keeps upcoming years imported.
    """
    rows: list[tuple[date, str, str]] = []
    policy = calendar.holiday_policy
    years = range(first_year, last_year + 1)
    if policy != Calendar.HolidayPolicy.NONE:
        if import_missing:
            holidays_ensure_years(years)
        queryset = Holiday.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
        local = place is not None and (policy == Calendar.HolidayPolicy.LOCAL or add_local)
        for row in queryset.filter(scope=Holiday.Scope.NATIONAL):
            rows.append((row.date, row.name, row.scope))
        if local and place.state:
            for row in queryset.filter(scope=Holiday.Scope.STATE, state=place.state):
                rows.append((row.date, row.name, row.scope))
            if place.municipality:
                wanted = normalize_place(place.municipality)
                for row in queryset.filter(scope=Holiday.Scope.MUNICIPAL, state=place.state):
                    if normalize_place(row.municipality) == wanted:
                        rows.append((row.date, row.name, row.scope))
            if place.company_id:
                for row in queryset.filter(scope=Holiday.Scope.COMPANY, company_id=place.company_id):
                    rows.append((row.date, row.name, row.scope))
    for exception in calendar.exceptions.filter(
        kind=CalendarException.Kind.CLOSED, date__year__gte=first_year, date__year__lte=last_year
    ):
        rows.append((exception.date, exception.description or _("Fechado"), "calendar"))
    rows.sort()
    unique: dict[date, tuple[date, str, str]] = {}
    for row in rows:
        unique.setdefault(row[0], row)
    return list(unique.values())


# --- Snapshots (CAL-2a) --------------------------------------------------------------------------------


def calendar_snapshot_data(
    *, calendar: Calendar, around: datetime, place: Place | None = None, add_local: bool = False
) -> dict:
    """The calendar as it is now for the years around `around`: schedule, closed and special dates."""
    local_year = timezone.localtime(around, SAO_PAULO).year
    first, last = local_year - SNAPSHOT_YEARS_BEFORE, local_year + SNAPSHOT_YEARS_AFTER
    weekly: list[list[list[int]]] = [[] for _day in range(7)]
    for interval in calendar.intervals.all():
        weekly[interval.weekday].append(list(interval.seconds))
    for day in weekly:
        day.sort()
    extra: dict[str, list[list[int]]] = {}
    for exception in calendar.exceptions.filter(
        kind=CalendarException.Kind.WORKING, date__year__gte=first, date__year__lte=last
    ):
        start = exception.start.hour * 3600 + exception.start.minute * 60
        end = exception.end.hour * 3600 + exception.end.minute * 60 or 86400
        extra.setdefault(exception.date.isoformat(), []).append([start, end])
    closed = [
        [day.isoformat(), name, scope]
        for day, name, scope in holidays_applied(
            calendar=calendar, first_year=first, last_year=last, place=place, add_local=add_local
        )
    ]
    return {
        "calendar": calendar.slug,
        "tz": calendar.time_zone,
        "years": [first, last],
        "weekly": weekly,
        "closed": closed,
        "extra": {day: sorted(intervals) for day, intervals in sorted(extra.items())},
    }


def calendar_snapshot(
    *, calendar: Calendar, around: datetime, place: Place | None = None, add_local: bool = False
) -> CalendarSnapshot:
    """Freeze the calendar (CAL-2a); identical calendars share one row."""
    data = calendar_snapshot_data(calendar=calendar, around=around, place=place, add_local=add_local)
    digest = _digest(data)
    snapshot, _created = CalendarSnapshot.objects.get_or_create(
        digest=digest, defaults={"calendar": calendar, "data": data}
    )
    return snapshot


def _digest(data: dict) -> str:
    return hashlib.sha256(_canonical(data).encode()).hexdigest()


def _canonical(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


@functools.lru_cache(maxsize=512)
def _engine_calendar(digest: str, payload: str) -> engine.Calendar:
    data = json.loads(payload)
    return engine.Calendar(
        weekly=tuple(tuple(tuple(pair) for pair in day) for day in data["weekly"]),
        tz=data["tz"],
        closed_dates=frozenset(date.fromisoformat(row[0]) for row in data["closed"]),
        extra_working_dates=tuple(
            (date.fromisoformat(day), tuple(tuple(pair) for pair in intervals))
            for day, intervals in data["extra"].items()
        ),
    )


def data_clock(data: dict) -> engine.BusinessClock:
    """The engine clock of calendar data (a snapshot's, or one built for a simulation); cached."""
    payload = _canonical(data)
    try:
        return engine.clock_for(_engine_calendar(hashlib.sha256(payload.encode()).hexdigest(), payload))
    except ValueError as error:
        raise DomainError(_("Calendário inválido: %(error)s") % {"error": error}) from error


def snapshot_clock(snapshot: CalendarSnapshot) -> engine.BusinessClock:
    return data_clock(snapshot.data)


def holiday_names(data: dict) -> dict[date, str]:
    return {date.fromisoformat(row[0]): row[1] for row in data["closed"]}


# --- Targets and calendars per ticket (SEV-1, SLA-8, TKT-1 routing of calendars) -------------------------


@dataclass(frozen=True)
class Targets:
    response_hours: int
    maintenance_days: int
    source: str  # "standard" or "prime"


def prime_contract_in_force(company: Company, on: date) -> PrimeContract | None:
    contract = PrimeContract.objects.filter(company=company).select_related("calendar").first()
    return contract if contract and contract.is_in_force(on) else None


def targets_for(*, company: Company, severity: str, on: date) -> Targets:
    """SEV-1 targets, overridden per severity by a Prime contract in force (SLA-8)."""
    if severity not in Severity.values:
        raise DomainError(_("Severidade desconhecida."), field="severity")
    contract = prime_contract_in_force(company, on)
    if contract is not None:
        target = contract.targets.filter(severity=severity).first()
        if target is not None:
            return Targets(target.response_hours, target.maintenance_days, "prime")
    target = SeverityTarget.objects.get(severity=severity)
    return Targets(target.response_hours, target.maintenance_days, "standard")


TECHNICAL_CALENDAR, CST_CALENDAR = "suporte-tecnico", "cst"


def calendar_for(*, company: Company, kind: str, on: date) -> Calendar:
    """Technical tickets follow the technical-support calendar, or the Prime contract's; administrative
    and financial tickets follow the CST's (CAL-3)."""
    if kind == "technical":
        contract = prime_contract_in_force(company, on)
        if contract is not None:
            return contract.calendar
        return Calendar.objects.get(slug=TECHNICAL_CALENDAR)
    return Calendar.objects.get(slug=CST_CALENDAR)


# --- Ticket deadlines (SEV-2, SLA-1..7) ------------------------------------------------------------------


@dataclass(frozen=True)
class TargetStatus:
    """One target of a ticket: its deadline and how much business time is used and left."""

    name: str  # "response" or "maintenance"
    target_seconds: int
    target_text: str  # "10 horas úteis", "4 dias úteis"
    due_at: datetime | None  # None while an open pause stops the clock before the deadline
    risk_at: datetime | None  # when less than 20 % of the target will be left (SLA-5)
    consumed_seconds: int
    left_seconds: int  # negative once breached
    breached: bool
    at_risk: bool
    paused: bool


@dataclass(frozen=True)
class TicketSla:
    calendar_slug: str
    snapshot: CalendarSnapshot
    severity: str
    targets_source: str
    response: TargetStatus
    maintenance: TargetStatus
    active: str  # which target currently governs: "maintenance" while in maintenance (SEV-2)

    @property
    def current(self) -> TargetStatus:
        return self.maintenance if self.active == "maintenance" else self.response


def _target_status(
    clock: engine.BusinessClock,
    *,
    name: str,
    opened_at: datetime,
    seconds: int,
    text: str,
    pauses,
    until: datetime,
) -> TargetStatus:
    result = clock.deadline(opened_at, seconds=seconds, pauses=pauses)
    risk = clock.deadline(opened_at, seconds=seconds - int(AT_RISK_FRACTION * seconds), pauses=pauses)
    consumed = clock.consumed(opened_at, until, pauses)
    left = seconds - consumed
    breached = result.due_at is not None and until > result.due_at
    return TargetStatus(
        name=name,
        target_seconds=seconds,
        target_text=text,
        due_at=result.due_at,
        risk_at=risk.due_at,
        consumed_seconds=consumed,
        left_seconds=left,
        breached=breached,
        at_risk=not breached and left < AT_RISK_FRACTION * seconds,
        paused=result.paused,
    )


def ticket_sla_compute(
    *,
    company: Company,
    severity: str,
    kind: str,
    opened_at: datetime,
    pauses: Sequence[Pause],
    stopped_at: datetime | None = None,
    maintenance: bool = False,
    now: datetime | None = None,
    snapshot: CalendarSnapshot | None = None,
) -> TicketSla:
    """Deadlines of a ticket, always from its opening instant (SLA-3), with the business time of
    `pauses` not counted (SLA-4).

    The ticket side (tickets/deadlines.py) turns the ticket's history into `pauses`, the instant
    its clock stopped for good (`stopped_at`: closing) and whether the maintenance target governs
    now (SEV-2): which statuses pause the clock is the workflow's rule, not this module's. Pass
    the ticket's stored `snapshot` to recompute with the calendar it was promised under (CAL-2a);
    without one, the calendar for the company and kind is frozen now and returned for the caller
    to keep.
    """
    if timezone.is_naive(opened_at):
        raise DomainError(_("Instante de abertura sem fuso horário."))
    now = now or timezone.now()
    opened_on = timezone.localtime(opened_at, SAO_PAULO).date()
    targets = targets_for(company=company, severity=severity, on=opened_on)
    if snapshot is None:
        calendar = calendar_for(company=company, kind=kind, on=opened_on)
        snapshot = calendar_snapshot(calendar=calendar, around=opened_at, place=Place.of_company(company))
    clock = snapshot_clock(snapshot)
    until = min(now, stopped_at) if stopped_at is not None else now
    response_seconds = targets.response_hours * 3600
    maintenance_seconds = clock.days_to_seconds(opened_at, targets.maintenance_days)
    return TicketSla(
        calendar_slug=snapshot.data["calendar"],
        snapshot=snapshot,
        severity=severity,
        targets_source=targets.source,
        response=_target_status(
            clock,
            name="response",
            opened_at=opened_at,
            seconds=response_seconds,
            text=_("%(n)d horas úteis") % {"n": targets.response_hours},
            pauses=pauses,
            until=until,
        ),
        maintenance=_target_status(
            clock,
            name="maintenance",
            opened_at=opened_at,
            seconds=maintenance_seconds,
            text=_("%(n)d dias úteis") % {"n": targets.maintenance_days},
            pauses=pauses,
            until=until,
        ),
        active="maintenance" if maintenance else "response",
    )
