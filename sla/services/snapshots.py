"""Frozen calendars (CAL-2a): a calendar's schedule, closed and special dates for the years around
an instant, stored once per content, and the engine clock built from such data (cached)."""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date, datetime, time
from typing import TypedDict, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.periods import SAO_PAULO

from .. import engine
from ..models import Calendar, CalendarException, CalendarSnapshot
from .holidays import Place, holidays_applied

# Years around the opening instant a snapshot freezes: holidays of a ticket's whole life.
SNAPSHOT_YEARS_BEFORE, SNAPSHOT_YEARS_AFTER = 1, 5


class SnapshotData(TypedDict):
    """A frozen calendar as stored in `CalendarSnapshot.data` (JSON): intervals are [start, end]
    seconds since local midnight, dates ISO text."""

    calendar: str  # the calendar's slug
    tz: str
    years: list[int]  # [first, last]
    weekly: list[list[list[int]]]  # Monday..Sunday
    closed: list[list[str]]  # [date, name, scope]
    extra: dict[str, list[list[int]]]  # special working dates


def calendar_snapshot_data(
    *, calendar: Calendar, around: datetime, place: Place | None = None, add_local: bool = False
) -> SnapshotData:
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
        # A special working date has its start and end (`CalendarException.clean`).
        start_time, end_time = cast(time, exception.start), cast(time, exception.end)
        start = start_time.hour * 3600 + start_time.minute * 60
        end = end_time.hour * 3600 + end_time.minute * 60 or 86400
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


def _digest(data: SnapshotData) -> str:
    return hashlib.sha256(_canonical(data).encode()).hexdigest()


def _canonical(data: SnapshotData) -> str:
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


def data_clock(data: SnapshotData) -> engine.BusinessClock:
    """The engine clock of calendar data (a snapshot's, or one built for a simulation); cached."""
    payload = _canonical(data)
    try:
        return engine.clock_for(_engine_calendar(hashlib.sha256(payload.encode()).hexdigest(), payload))
    except ValueError as error:
        raise DomainError(_("Calendário inválido: %(error)s") % {"error": error}) from error


def snapshot_clock(snapshot: CalendarSnapshot) -> engine.BusinessClock:
    """The snapshot's clock, kept on the instance: a periodic job's batch shares one instance per
    snapshot (tickets.locks) and canonicalises and hashes its data once, not once per ticket."""
    clock: engine.BusinessClock | None = getattr(snapshot, "_engine_clock", None)
    if clock is None:
        clock = data_clock(snapshot.data)
        snapshot._engine_clock = clock  # type: ignore[attr-defined]
    return clock


def holiday_names(data: SnapshotData) -> dict[date, str]:
    return {date.fromisoformat(row[0]): row[1] for row in data["closed"]}
