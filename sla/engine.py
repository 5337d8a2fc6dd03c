"""Business-time engine for SLA deadlines (SPEC section 4 SLA, section 5 CAL).

Pure Python 3.11, standard library only: no Django, no third-party package.  The Django side turns
its models (service calendar, holiday policy, pauses) into a :class:`Calendar` and asks the cached
:class:`BusinessClock` of that calendar (:func:`clock_for`) for instants and durations.

Model
-----
* A :class:`Calendar` is a weekly schedule of working intervals in local wall-clock time (CAL-1),
  a time zone, a set of closed local dates (holidays, CAL-2/CAL-2a) and special working dates with
  their own intervals (which win over both the closed dates and the weekly schedule).
* Each local working interval ``[start, end)`` of a local date becomes a segment of *real* time:
  both bounds are converted with :mod:`zoneinfo` using ``fold=0`` (a nonexistent wall time, e.g.
  Brazil's 2018-11-04 00:00, resolves to the instant zoneinfo gives it: 01:00 -02:00; an ambiguous
  wall time means its first occurrence).  A bound pair that collapses or inverts in a DST gap gives
  no working time; overlapping or touching segments are merged (a 24x7 calendar is one segment).
* Business seconds are real elapsed seconds inside segments (SLA-6): a 24x7 day has 23 h on a DST
  start and 25 h on a DST end.

Conventions
-----------
* SLA-2a: :meth:`BusinessClock.add` returns the *earliest* instant at which the business time has
  elapsed, so a target that ends exactly at the end of a shift ends there (Friday 19:00), never at
  the start of the next shift.  ``add(x, 0)`` returns ``x`` when ``x`` is a working instant, else the
  next working instant (the clock "starts" there); the same holds for a zero target in
  :meth:`BusinessClock.deadline`.
* SLA-2b: a target in days is turned into seconds at the opening instant by
  :meth:`BusinessClock.days_to_seconds`; the deadline is then that many seconds after the opening, so
  it too is the earliest such instant (opened Monday 07:00 with 1 day on a 07:00-19:00 calendar is
  due Monday 19:00, the same business position as Tuesday 07:00).
* SLA-4: pauses do not count; see :meth:`BusinessClock.deadline`.
* Every datetime argument must be aware (any time zone); every returned datetime is aware, in the
  calendar's time zone.  Microseconds are kept; durations are returned as whole seconds (floored).

Implementation
--------------
The clock keeps an index of working segments as UTC epoch seconds (sorted ``starts``/``ends``) with
the cumulative working seconds before each segment, over a contiguous range of local years that
grows on demand (the whole index is rebuilt, growth at least doubles the range so it is amortised).
Every query is a handful of :func:`bisect.bisect_right` / :func:`bisect.bisect_left` calls:
O(log n), never a walk over days or minutes.  The index is published as one immutable tuple, so
concurrent readers need no lock (builds take one).
"""

from __future__ import annotations

import functools
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Final, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_TZ",
    "BusinessClock",
    "Calendar",
    "Deadline",
    "Interval",
    "clock_for",
    "parse_schedule",
]

Interval = tuple[int, int]  # seconds since local midnight, 0 <= start < end <= 86400 (86400 = 24:00)

DEFAULT_TZ = "America/Sao_Paulo"
DAY = 86400
#: A calendar that has no working time within this many seconds of a query is treated as empty.
HORIZON_SECONDS = 10 * 366 * DAY
#: The index always covers at least this many years around a query, and grows by at most this much.
_MAX_GROWTH_YEARS = 16
_MIN_YEAR, _MAX_YEAR = 2, 9998
# A query instant must be this far inside the indexed range so that no segment of a date outside
# the range can fall before it (time-zone offsets and DST gaps are far below a day).
_MARGIN = 2 * DAY
_INF = float("inf")

_fromtimestamp = datetime.fromtimestamp

_NAIVE = "naive datetime: SLA computations need aware datetimes (tzinfo with a UTC offset)"


# --------------------------------------------------------------------------------------------
# Calendar and schedule parsing
# --------------------------------------------------------------------------------------------


def _check_intervals(intervals: Iterable[Interval], where: str) -> tuple[Interval, ...]:
    """Normalise ``intervals`` to a tuple of ``(int, int)`` and validate them (ValueError)."""
    if isinstance(intervals, str | bytes):
        raise ValueError(f"{where}: intervals must be a sequence of (start, end) pairs, not text")
    try:
        items = list(intervals)
    except TypeError:
        raise ValueError(f"{where}: intervals must be a sequence of (start, end) pairs") from None
    out: list[Interval] = []
    previous_end: int | None = None
    for item in items:
        try:
            start, end = item
        except (TypeError, ValueError):
            raise ValueError(f"{where}: {item!r} is not a (start, end) pair") from None
        for bound in (start, end):
            if isinstance(bound, bool) or not isinstance(bound, int):
                raise ValueError(f"{where}: bound {bound!r} must be an int number of seconds")
        if not 0 <= start < end <= DAY:
            raise ValueError(f"{where}: interval ({start}, {end}) must satisfy 0 <= start < end <= 86400")
        if previous_end is not None and start < previous_end:
            raise ValueError(
                f"{where}: interval ({start}, {end}) is out of order or overlaps the previous one"
            )
        previous_end = end
        out.append((start, end))
    return tuple(out)


def _check_date(value: object, where: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{where}: {value!r} is not a datetime.date")
    return value


@dataclass(frozen=True)
class Calendar:
    """A service calendar (CAL-1).  Hashable; equal calendars share one :class:`BusinessClock`.

    ``weekly`` has exactly 7 entries, Monday..Sunday, each a sorted tuple of non-overlapping
    ``(start, end)`` intervals in seconds since local midnight (86400 = 24:00).  ``closed_dates``
    (holidays, closed days) have no working time.  ``extra_working_dates`` are ``(date, intervals)``
    pairs for special working days; they win over ``closed_dates`` and over the weekly schedule.
    Any iterable of dates is accepted for ``closed_dates`` (e.g. a ``holidays`` object) and a mapping
    or an iterable of pairs for ``extra_working_dates``; both are normalised.
    """

    weekly: tuple[tuple[Interval, ...], ...]
    tz: str = DEFAULT_TZ
    closed_dates: frozenset[date] = frozenset()
    extra_working_dates: tuple[tuple[date, tuple[Interval, ...]], ...] = ()

    def __post_init__(self) -> None:
        weekly = self.weekly
        if isinstance(weekly, str | bytes):
            raise ValueError("weekly must be 7 sequences of intervals; use parse_schedule() for text")
        try:
            weekly = tuple(weekly)
        except TypeError:
            raise ValueError("weekly must be a sequence of 7 days (Monday..Sunday)") from None
        if len(weekly) != 7:
            raise ValueError(f"weekly must have exactly 7 days (Monday..Sunday), got {len(weekly)}")
        names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        weekly = tuple(_check_intervals(day, f"weekly[{names[i]}]") for i, day in enumerate(weekly))
        object.__setattr__(self, "weekly", weekly)

        if not isinstance(self.tz, str) or not self.tz:
            raise ValueError(f"tz must be an IANA time-zone name, got {self.tz!r}")
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: e.g. "America" (a folder)
            raise ValueError(f"unknown time zone {self.tz!r}") from exc

        closed = frozenset(_check_date(d, "closed_dates") for d in self.closed_dates)
        object.__setattr__(self, "closed_dates", closed)

        extra = self.extra_working_dates
        pairs = extra.items() if hasattr(extra, "items") else extra
        seen: dict[date, tuple[Interval, ...]] = {}
        for pair in pairs:
            try:
                day, intervals = pair
            except (TypeError, ValueError):
                raise ValueError(f"extra_working_dates: {pair!r} is not a (date, intervals) pair") from None
            day = _check_date(day, "extra_working_dates")
            if day in seen:
                raise ValueError(f"extra_working_dates: {day.isoformat()} is given twice")
            seen[day] = _check_intervals(intervals, f"extra_working_dates[{day.isoformat()}]")
        object.__setattr__(self, "extra_working_dates", tuple(sorted(seen.items())))

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The working intervals of local date ``day`` (extra date > closed date > weekly)."""
        for extra_day, intervals in self.extra_working_dates:
            if extra_day == day:
                return intervals
        if day in self.closed_dates:
            return ()
        return self.weekly[day.weekday()]


_DAY_NAMES = {
    # English
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    # Portuguese (pt-BR admins)
    "seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4, "sab": 5, "sáb": 5, "dom": 6,
}  # fmt: skip
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _parse_time(text: str, clause: str) -> int:
    match = _TIME_RE.fullmatch(text)
    if not match:
        raise ValueError(f"bad time {text!r} in schedule clause {clause!r} (expected HH:MM)")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if minute > 59 or second > 59 or hour > 24 or (hour == 24 and (minute or second)):
        raise ValueError(f"bad time {text!r} in schedule clause {clause!r}")
    return hour * 3600 + minute * 60 + second


def _parse_days(text: str, clause: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        ends = part.split("-")
        if len(ends) not in (1, 2) or not all(ends):
            raise ValueError(f"bad day range {part!r} in schedule clause {clause!r}")
        try:
            numbers = [_DAY_NAMES[name] for name in ends]
        except KeyError as exc:
            raise ValueError(
                f"unknown day {exc.args[0]!r} in schedule clause {clause!r} (use mon..sun)"
            ) from None
        first, last = numbers[0], numbers[-1]
        if last < first:
            raise ValueError(f"day range {part!r} runs backwards in schedule clause {clause!r}")
        days.extend(range(first, last + 1))
    return days


def parse_schedule(text: str) -> tuple[tuple[Interval, ...], ...]:
    """Parse a weekly schedule such as ``"mon-fri 08:00-12:00,13:30-18:00; sat 09:00-15:00"``.

    Clauses are separated by ``;``; each is ``DAYS INTERVALS`` where DAYS is a comma-separated list
    of days or ranges (``mon``..``sun``, Portuguese ``seg``..``dom`` too, case-insensitive) and
    INTERVALS a comma-separated list of ``HH:MM-HH:MM`` (``HH:MM:SS`` allowed, ``24:00`` as an end).
    Days not named have no working time; a day named twice gets the union of its intervals, which
    must not overlap.  Returns the 7-tuple (Monday..Sunday) that :class:`Calendar` takes.
    Raises ValueError on anything else, including an empty text.
    """
    if not isinstance(text, str):
        raise ValueError(f"schedule must be text, got {type(text).__name__}")
    week: list[list[Interval]] = [[] for _ in range(7)]
    clauses = [c.strip() for c in text.split(";")]
    if not any(clauses):
        raise ValueError("schedule is empty (expected e.g. 'mon-fri 08:00-18:00')")
    for clause in clauses:
        if not clause:
            continue
        parts = clause.lower().split(None, 1)
        if len(parts) != 2:
            raise ValueError(
                f"schedule clause {clause!r} needs days and intervals, e.g. 'mon-fri 08:00-18:00'"
            )
        days = _parse_days(parts[0], clause)
        intervals: list[Interval] = []
        for item in "".join(parts[1].split()).split(","):
            bounds = item.split("-")
            if len(bounds) != 2:
                raise ValueError(
                    f"bad interval {item!r} in schedule clause {clause!r} (expected HH:MM-HH:MM)"
                )
            start, end = (_parse_time(b, clause) for b in bounds)
            if start >= end:
                raise ValueError(f"interval {item!r} in schedule clause {clause!r} must end after it starts")
            intervals.append((start, end))
        for day in days:
            week[day].extend(intervals)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return tuple(_check_intervals(sorted(day), f"schedule {names[i]}") for i, day in enumerate(week))


# --------------------------------------------------------------------------------------------
# Clock
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """Result of :meth:`BusinessClock.deadline`: ``due_at`` is None while an open pause holds it."""

    due_at: datetime | None
    target_seconds: int
    paused: bool


class _Grow(Exception):  # internal control flow, never escapes the module
    """Raised inside a computation that needs the index to cover more time."""

    def __init__(self, lo_ts: float, hi_ts: float) -> None:
        super().__init__()
        self.lo_ts = lo_ts
        self.hi_ts = hi_ts


def _ts(value: datetime) -> float:
    """Epoch seconds of an aware datetime (ValueError for a naive one)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(_NAIVE)
    return value.timestamp()


def _floor_seconds(value: float) -> int:
    """Whole seconds of a non-negative duration computed in floats (absorbs rounding noise)."""
    return int(value + 5e-7) if value > 0 else 0


# Index tuple layout (published atomically as ``BusinessClock._index``): lo, hi (the covered range,
# margins included), starts, ends, cum, cumend (segments, floats), ords (working dates), y0, y1 (the
# local years built; None before the first build).
_Index = tuple[
    float, float, list[float], list[float], list[float], list[float], list[int], int | None, int | None
]
_LO: Final = 0
_HI: Final = 1
_STARTS: Final = 2
_ENDS: Final = 3
_CUM: Final = 4
_CUMEND: Final = 5
_ORDS: Final = 6
_Y0: Final = 7
_Y1: Final = 8


class BusinessClock:
    """Business-time arithmetic on one :class:`Calendar`; get instances from :func:`clock_for`."""

    __slots__ = ("_build_lock", "_closed_working", "_extra", "_index", "calendar", "tz")

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.tz = ZoneInfo(calendar.tz)
        self._extra = dict(calendar.extra_working_dates)
        weekly = calendar.weekly
        self._closed_working = sorted(
            d.toordinal() for d in calendar.closed_dates if weekly[d.weekday()] and d not in self._extra
        )
        self._build_lock = threading.Lock()
        # Empty index: lo > hi so that the first query builds it.
        self._index: _Index = (_INF, -_INF, [], [], [], [], [], None, None)

    def __repr__(self) -> str:
        return f"BusinessClock({self.calendar!r})"

    # -- index ---------------------------------------------------------------------------------

    def _wall_ts(self, day: date, second: int) -> int:
        """Epoch seconds of local wall time ``second`` (0..86400) on ``day``, fold=0."""
        if second >= DAY:
            day = day + timedelta(days=second // DAY)
            second %= DAY
        hour, rest = divmod(second, 3600)
        minute, sec = divmod(rest, 60)
        return int(datetime(day.year, day.month, day.day, hour, minute, sec, tzinfo=self.tz).timestamp())

    def _year_of(self, ts: float) -> int:
        try:
            return datetime.fromtimestamp(ts, self.tz).year
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"instant {ts!r} is out of the supported range") from None

    def _build(self, y0: int, y1: int) -> None:
        """Build and publish the index for local years ``y0..y1`` (inclusive)."""
        if y0 < _MIN_YEAR or y1 > _MAX_YEAR:
            raise ValueError(f"SLA computations are limited to the years {_MIN_YEAR}..{_MAX_YEAR}")
        weekly = self.calendar.weekly
        closed = self.calendar.closed_dates
        extra = self._extra
        wall_ts = self._wall_ts
        raw: list[tuple[int, int]] = []
        ords: list[int] = []
        for ordinal in range(date(y0, 1, 1).toordinal(), date(y1, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            intervals = extra.get(day)
            if intervals is None:
                if day in closed:
                    continue
                intervals = weekly[day.weekday()]
            if not intervals:
                continue
            ords.append(ordinal)
            for start, end in intervals:
                a = wall_ts(day, start)
                b = wall_ts(day, end)
                if b > a:  # a pair inverted/collapsed by a DST gap gives no working time
                    raw.append((a, b))
        raw.sort()
        starts: list[int] = []
        ends: list[int] = []
        for a, b in raw:
            if ends and a <= ends[-1]:  # overlapping or adjacent: one segment
                if b > ends[-1]:
                    ends[-1] = b
            else:
                starts.append(a)
                ends.append(b)
        cum: list[int] = []
        cumend: list[int] = []
        total = 0
        for a, b in zip(starts, ends, strict=True):
            cum.append(total)
            total += b - a
            cumend.append(total)
        lo = wall_ts(date(y0, 1, 1), 0) + _MARGIN
        hi = wall_ts(date(y1 + 1, 1, 1), 0) - _MARGIN
        # The values are whole seconds but stored as floats (exact below 2**53): queries compare them
        # with float timestamps, and float-float comparisons make bisect about twice as fast.
        self._index = (
            float(lo),
            float(hi),
            [float(v) for v in starts],
            [float(v) for v in ends],
            [float(v) for v in cum],
            [float(v) for v in cumend],
            ords,
            y0,
            y1,
        )

    def _grow(
        self, lo_ts: float, hi_ts: float, *, forward: bool = False, ref_ts: float | None = None
    ) -> None:
        """Extend the index to cover ``[lo_ts, hi_ts]``; with ``forward``, also at least double it
        forwards because a search ran off its end (ValueError past the horizon: empty calendar)."""
        with self._build_lock:
            index = self._index
            y0, y1 = index[_Y0], index[_Y1]
            if forward and y0 is not None:
                ends = index[_ENDS]
                ref = ref_ts if ref_ts is not None else lo_ts
                if ends and ends[-1] > ref:
                    ref = ends[-1]
                if index[_HI] - ref > HORIZON_SECONDS:
                    start = datetime.fromtimestamp(ref, self.tz).isoformat()
                    raise ValueError(
                        f"calendar has no working time within {HORIZON_SECONDS // (366 * DAY)} years "
                        f"after {start}: it has no (more) working time at all"
                    )
            # Years that must be covered (the build raises ValueError past the supported range) ...
            low_year = self._year_of(lo_ts) - 1
            high_year = self._year_of(hi_ts) + 1
            if y0 is None or y1 is None:  # never built (the two are None together)
                new_y0, new_y1 = low_year, max(high_year, min(low_year + 3, _MAX_YEAR))
            else:
                # ... plus amortised growth (at least double, capped) in the direction that needs it.
                span = min(y1 - y0 + 1, _MAX_GROWTH_YEARS)
                new_y0 = y0 if low_year >= y0 else min(low_year, max(y0 - span, _MIN_YEAR))
                new_y1 = y1 if high_year <= y1 else max(high_year, min(y1 + span, _MAX_YEAR))
                if forward:
                    new_y1 = max(new_y1, y1 + 1, min(y1 + span, _MAX_YEAR))
                if (new_y0, new_y1) == (y0, y1):
                    return  # another thread already grew it
            self._build(new_y0, new_y1)

    def _covered(self, lo_ts: float, hi_ts: float) -> _Index:
        """The index, grown until it covers ``[lo_ts, hi_ts]``."""
        index = self._index
        while not (index[_LO] <= lo_ts and hi_ts < index[_HI]):
            self._grow(lo_ts, hi_ts)
            index = self._index
        return index

    @staticmethod
    def _pos(index: _Index, ts: float) -> float:
        """Business position (cumulative working seconds since the index start) of instant ``ts``."""
        ends = index[_ENDS]
        i = bisect_right(ends, ts)
        if i == len(ends):
            cumend = index[_CUMEND]
            return cumend[-1] if cumend else 0
        start = index[_STARTS][i]
        return index[_CUM][i] + (ts - start if ts > start else 0)

    def _at(self, index: _Index, position: float) -> float:
        """Earliest epoch instant whose business position is ``position`` (raises _Grow)."""
        cumend = index[_CUMEND]
        j = bisect_left(cumend, position)
        if j < len(cumend):
            ts = index[_STARTS][j] + (position - index[_CUM][j])
            if ts < index[_HI]:
                return ts
        raise _Grow(index[_HI], index[_HI])

    # -- public API ------------------------------------------------------------------------------

    def add(self, instant: datetime, seconds: int) -> datetime:
        """Earliest instant at which ``seconds`` business seconds have elapsed since ``instant``
        (SLA-2, SLA-2a).  ``add(x, 0)`` is :meth:`next_working_instant` ``(x)``."""
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError(_NAIVE)
        if seconds <= 0:
            if seconds == 0:
                return self.next_working_instant(instant)
            raise ValueError(f"seconds must be >= 0, got {seconds!r}")
        ts = instant.timestamp()
        while True:
            lo, hi, starts, ends, cum, cumend, _, _, _ = self._index
            if lo <= ts < hi:
                i = bisect_right(ends, ts)
                if i < len(ends):
                    start = starts[i]
                    target = cum[i] + seconds + (ts - start if ts > start else 0)
                    j = bisect_left(cumend, target, i)
                    if j < len(cumend):
                        result = starts[j] + target - cum[j]
                        if result < hi:
                            return _fromtimestamp(result, self.tz)
                self._grow(ts, hi, forward=True, ref_ts=ts)
            else:
                self._grow(ts, ts)

    def next_working_instant(self, instant: datetime) -> datetime:
        """``instant`` itself (in the calendar's tz) if it is a working instant, else the start of the
        next working segment (SLA-2a: time opened outside hours starts counting there)."""
        ts = _ts(instant)
        while True:
            lo, hi, starts, ends, _, _, _, _, _ = self._index
            if lo <= ts < hi:
                i = bisect_right(ends, ts)
                if i < len(ends):
                    start = starts[i]
                    if start <= ts:  # fromtimestamp also canonicalises a wall time in a DST gap
                        return _fromtimestamp(ts, self.tz)
                    if start < hi:
                        return datetime.fromtimestamp(start, self.tz)
                self._grow(ts, hi, forward=True, ref_ts=ts)
            else:
                self._grow(ts, ts)

    def is_working(self, instant: datetime) -> bool:
        """Whether ``instant`` lies inside a working segment."""
        ts = _ts(instant)
        index = self._covered(ts, ts)
        i = bisect_right(index[_ENDS], ts)
        return i < len(index[_ENDS]) and index[_STARTS][i] <= ts

    def between(self, start: datetime, end: datetime) -> int:
        """Business seconds in ``[start, end)`` (0 if ``end <= start``), floored to whole seconds."""
        a = _ts(start)
        b = _ts(end)
        if b <= a:
            return 0
        index = self._covered(a, b)
        return _floor_seconds(self._pos(index, b) - self._pos(index, a))

    def days_to_seconds(self, opened_at: datetime, days: int) -> int:
        """SLA-2b: business seconds of a ``days`` target for a ticket opened at ``opened_at``.

        ``o`` = next working instant of ``opened_at``, with local wall time ``t`` on local date ``d``;
        the target is the ``days``-th working date after ``d`` (a date with any working interval) at
        wall time ``t`` (fold=0), or the next working instant after it; the result is
        ``between(o, target)``.  ``days == 0`` gives 0.
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"days must be an int >= 0, got {days!r}")
        opened = self.next_working_instant(opened_at)
        if days == 0:
            return 0
        o_ts = opened.timestamp()
        local_time = opened.timetz().replace(fold=0)
        d_ord = opened.toordinal()
        while True:
            index = self._covered(o_ts, o_ts)
            ords = index[_ORDS]
            k = bisect_right(ords, d_ord) + days - 1
            if k < len(ords):
                target = datetime.combine(date.fromordinal(ords[k]), local_time)
                t_ts = target.timestamp()
                if t_ts < index[_HI]:
                    return self.between(opened, self.next_working_instant(target))
            self._grow(o_ts, index[_HI], forward=True, ref_ts=o_ts)

    @staticmethod
    def _target_seconds(
        seconds: int | None, hours: int | float | Decimal | None, days: int | None
    ) -> tuple[str, int]:
        given = [
            name for name, v in (("seconds", seconds), ("hours", hours), ("days", days)) if v is not None
        ]
        if len(given) != 1:
            raise ValueError(f"give exactly one of seconds, hours, days (got {', '.join(given) or 'none'})")
        if seconds is not None:
            if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
                raise ValueError(f"seconds must be an int >= 0, got {seconds!r}")
            return "seconds", seconds
        if hours is not None:
            if (
                isinstance(hours, bool)
                or not isinstance(hours, int | float | Decimal | Fraction)
                or not hours >= 0
            ):
                raise ValueError(f"hours must be a number >= 0, got {hours!r}")
            try:
                return "hours", round(hours * 3600)
            except (OverflowError, ValueError):  # inf
                raise ValueError(f"hours must be finite, got {hours!r}") from None
        return "days", 0  # converted by the caller (needs the opening instant)

    @staticmethod
    def _pause_list(
        pauses: Iterable[tuple[datetime, datetime | None]], o_ts: float, cut_ts: float = _INF
    ) -> list[tuple[float, float]]:
        """Pauses as epoch pairs clipped to ``[o_ts, cut_ts]``; an open pause ends at +inf."""
        out: list[tuple[float, float]] = []
        for pause in pauses:
            try:
                p_start, p_end = pause
            except (TypeError, ValueError):
                raise ValueError(f"a pause must be a (start, end-or-None) pair, got {pause!r}") from None
            a = _ts(p_start)
            if p_end is None:
                b = _INF
            else:
                b = _ts(p_end)
                if b < a:
                    raise ValueError(
                        f"pause ends before it starts: {p_start.isoformat()} > {p_end.isoformat()}"
                    )
            a = max(a, o_ts)
            b = min(b, cut_ts)
            if b > a:
                out.append((a, b))
        return out

    def _merged_pause_positions(
        self, index: _Index, pauses: list[tuple[float, float]], o_pos: float
    ) -> list[tuple[float, float]]:
        """Merged business-position intervals of the pauses (open end = +inf), empty ones dropped."""
        positions: list[tuple[float, float]] = []
        for a, b in pauses:
            pa = self._pos(index, a)
            pb = _INF if b == _INF else self._pos(index, b)
            if pb > pa:
                positions.append((max(pa, o_pos), pb))
        positions.sort()
        merged: list[tuple[float, float]] = []
        for pa, pb in positions:
            if merged and pa <= merged[-1][1]:
                if pb > merged[-1][1]:
                    merged[-1] = (merged[-1][0], pb)
            else:
                merged.append((pa, pb))
        return merged

    def deadline(
        self,
        opened_at: datetime,
        *,
        seconds: int | None = None,
        hours: int | float | Decimal | None = None,
        days: int | None = None,
        pauses: Iterable[tuple[datetime, datetime | None]] = (),
    ) -> Deadline:
        """The deadline of a target counted from ``opened_at`` (SLA-2, SLA-3), with pauses (SLA-4).

        Exactly one of ``seconds`` (int), ``hours`` (int, float or Decimal, rounded to the second) or
        ``days`` (int; converted by :meth:`days_to_seconds` at ``opened_at``, SLA-2b).

        ``pauses`` are ``(start, end)`` pairs, ``end`` None for a pause still open; they may be
        unsorted, overlap, start before the opening or outside working hours (they are clipped to
        the opening and merged).  ``due_at`` is the earliest instant at which the business time
        since ``opened_at`` minus the business time inside pauses reaches the target.  If an open
        pause starts (in business position) before that point, ``due_at`` is None and ``paused`` is
        True.  A pause starting exactly at the deadline does not move it.  A zero target is due at
        the next working instant of ``opened_at``.
        """
        kind, target = self._target_seconds(seconds, hours, days)
        o_ts = _ts(opened_at)
        if kind == "days":  # then ``days`` is the one target given
            target = self.days_to_seconds(opened_at, cast(int, days))
        pause_list = self._pause_list(pauses, o_ts)
        lo_ts = o_ts
        hi_ts = max([o_ts] + [b if b != _INF else a for a, b in pause_list])
        index = self._covered(lo_ts, hi_ts)
        while True:
            try:
                o_pos = self._pos(index, o_ts)
                due = o_pos + target
                for pa, pb in self._merged_pause_positions(index, pause_list, o_pos):
                    if pa >= due:
                        break
                    if pb == _INF:
                        return Deadline(None, target, True)
                    due += pb - pa
                if due <= o_pos:
                    return Deadline(self.next_working_instant(opened_at), target, False)
                return Deadline(datetime.fromtimestamp(self._at(index, due), self.tz), target, False)
            except _Grow as need:
                self._grow(o_ts, need.hi_ts, forward=True, ref_ts=o_ts)
                index = self._index

    def consumed(
        self,
        opened_at: datetime,
        now: datetime,
        pauses: Iterable[tuple[datetime, datetime | None]] = (),
    ) -> int:
        """Business seconds counted from ``opened_at`` to ``now``, pauses excluded (SLA-4, SLA-5)."""
        o_ts = _ts(opened_at)
        n_ts = _ts(now)
        if n_ts <= o_ts:
            return 0
        pause_list = self._pause_list(pauses, o_ts, n_ts)
        index = self._covered(o_ts, n_ts)
        o_pos = self._pos(index, o_ts)
        elapsed = self._pos(index, n_ts) - o_pos
        for pa, pb in self._merged_pause_positions(index, pause_list, o_pos):
            elapsed -= pb - pa
        return _floor_seconds(elapsed)

    def closed_dates_between(self, start: datetime, end: datetime) -> list[date]:
        """Closed local dates in ``[start.date(), end.date()]`` (calendar tz) on which the weekly
        schedule would have worked: the holidays a deadline skipped (CAL-2a: store what was used)."""
        _ts(start)
        _ts(end)
        first = start.astimezone(self.tz).toordinal()
        last = end.astimezone(self.tz).toordinal()
        closed = self._closed_working
        return [date.fromordinal(o) for o in closed[bisect_left(closed, first) : bisect_right(closed, last)]]


@functools.lru_cache(maxsize=256)
def clock_for(calendar: Calendar) -> BusinessClock:
    """The shared (cached) :class:`BusinessClock` of ``calendar``."""
    return BusinessClock(calendar)
