"""Property tests: the SLA engine (sla/engine.py) against a slow, obvious oracle (SPEC SLA, CAL).

The oracle shares no code with the engine.  It walks local dates one by one, builds each date's
working intervals as aware datetimes with zoneinfo (wall-clock arithmetic, fold=0), turns them into
UTC epoch seconds, takes their union, and consumes the union segment by segment from the start
instant.  Pauses (SLA-4) are subtracted from the working time in the time domain (not in business
positions, as the engine does).  Nothing is indexed or bisected.

Calendars are random (random split shifts, 24x7 days, closed dates, special working dates) in
several zones: America/Sao_Paulo (weighted, with instants biased towards its 2016-2019 DST changes,
SLA-6), zones whose DST changes at 02:00 (New York), 01:00 (London), by 30 minutes (Lord Howe),
or at midnight (Havana), and UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla.engine import Calendar, clock_for, parse_schedule
from tests.helpers import at

SETTINGS = settings(
    max_examples=250,
    deadline=None,
    database=None,  # leave no .hypothesis directory in the work tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
INF = float("inf")
DAY = timedelta(days=1)

SEED_SCHEDULES = [
    "mon-fri 07:00-19:00",
    "mon-fri 08:00-12:00,13:30-18:00",
    "mon-fri 08:30-12:00,13:30-18:00",
    "mon-sun 00:00-24:00",
    "mon-fri 08:00-18:00",
    "mon-fri 07:30-19:00",
    "mon-fri 08:00-19:00; sat 09:00-15:00",
    "mon-fri 08:00-12:00,13:30-17:30",
    "sun 00:00-02:00; mon 22:00-24:00; tue 00:00-06:00",  # midnight-adjacent, across days
]
ZONES = [
    "America/Sao_Paulo",
    "America/Sao_Paulo",
    "America/Sao_Paulo",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Havana",
    "UTC",
]


def _transition_dates(zone: str) -> list[date]:
    """Local dates in 2016-2019 on which the zone's UTC offset changes (found with zoneinfo)."""
    tz = ZoneInfo(zone)
    out = []
    day = date(2016, 1, 1)
    previous = datetime(2015, 12, 31, 12, tzinfo=tz).utcoffset()
    while day < date(2020, 1, 1):
        offset = datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset()
        if offset != previous:
            out.append(day)
        previous = offset
        day += timedelta(days=1)
    return out


TRANSITIONS = {zone: _transition_dates(zone) for zone in set(ZONES)}
assert date(2018, 11, 4) in TRANSITIONS["America/Sao_Paulo"]
assert date(2018, 2, 18) in TRANSITIONS["America/Sao_Paulo"]  # back at 24:00 on the 17th


# --------------------------------------------------------------------------------------------
# Oracle
# --------------------------------------------------------------------------------------------


def o_intervals(cal: Calendar, day: date):
    """The calendar's definition for one local date: special date > closed date > weekly."""
    for extra_day, intervals in cal.extra_working_dates:
        if extra_day == day:
            return intervals
    if day in cal.closed_dates:
        return ()
    return cal.weekly[day.weekday()]


def o_wall(day: date, second: int, tz: ZoneInfo) -> datetime:
    # Aware wall-clock arithmetic: midnight + offset, fold=0 (24:00 is the next day's midnight).
    return datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(seconds=second)


def o_segments(cal: Calendar, first: date, last: date) -> list[list[float]]:
    """Union of the working intervals of local dates first..last, as sorted UTC epoch segments."""
    tz = ZoneInfo(cal.tz)
    pieces = []
    day = first
    while day <= last:
        for start, end in o_intervals(cal, day):
            a = o_wall(day, start, tz).astimezone(UTC).timestamp()
            b = o_wall(day, end, tz).astimezone(UTC).timestamp()
            if b > a:
                pieces.append((a, b))
        day += DAY
    pieces.sort()
    union: list[list[float]] = []
    for a, b in pieces:
        if union and a <= union[-1][1]:
            union[-1][1] = max(union[-1][1], b)
        else:
            union.append([a, b])
    return union


def o_window(cal: Calendar, t: float, days: int):
    """Segments of a window of local dates starting two days before ``t``, and the instant up to
    which the window is complete (one day before its last date begins)."""
    tz = ZoneInfo(cal.tz)
    first = datetime.fromtimestamp(t, tz).date() - 2 * DAY
    last = first + days * DAY
    return o_segments(cal, first, last), o_wall(last, 0, tz).timestamp() - 86400


def o_consume(segments, t: float, amount: float, limit: float):
    """Earliest instant >= t at which ``amount`` seconds of ``segments`` have elapsed, or None."""
    for a, b in segments:
        if b <= t:
            continue
        a = max(a, t)
        if a >= limit:
            return None
        if amount <= b - a:
            return a + amount if a + amount < limit else None
        amount -= b - a
    return None


def oracle_add(cal: Calendar, instant: datetime, seconds: int) -> datetime:
    t = instant.timestamp()
    days = 16
    while days < 40000:
        segments, limit = o_window(cal, t, days)
        result = o_consume(segments, t, seconds, limit)
        if result is not None:
            return datetime.fromtimestamp(result, ZoneInfo(cal.tz))
        days *= 2
    raise AssertionError("oracle found no working time")


def oracle_between(cal: Calendar, start: datetime, end: datetime) -> int:
    s, e = start.timestamp(), end.timestamp()
    if e <= s:
        return 0
    tz = ZoneInfo(cal.tz)
    segments = o_segments(
        cal, datetime.fromtimestamp(s, tz).date() - 2 * DAY, datetime.fromtimestamp(e, tz).date() + 2 * DAY
    )
    return int(sum(max(0.0, min(b, e) - max(a, s)) for a, b in segments))


def oracle_days_to_seconds(cal: Calendar, opened: datetime, days: int) -> int:
    tz = ZoneInfo(cal.tz)
    o = oracle_add(cal, opened, 0).astimezone(tz)
    day, found = o.date(), 0
    while found < days:
        day += DAY
        if o_intervals(cal, day):
            found += 1
    target = datetime.combine(day, o.time().replace(fold=0), tzinfo=tz)
    return oracle_between(cal, o, oracle_add(cal, target, 0))


def o_subtract(segments, pauses):
    """Working segments minus pause intervals (time domain)."""
    out = []
    for a, b in segments:
        pieces = [(a, b)]
        for pa, pb in pauses:
            cut = []
            for x, y in pieces:
                if pb <= x or pa >= y:
                    cut.append((x, y))
                    continue
                if x < pa:
                    cut.append((x, pa))
                if pb < y:
                    cut.append((pb, y))
            pieces = cut
        out.extend(pieces)
    return sorted(out)


def o_pauses(pauses, t: float, now: float = INF):
    out = []
    for p_start, p_end in pauses:
        a = max(p_start.timestamp(), t)
        b = min(INF if p_end is None else p_end.timestamp(), now)
        if b > a:
            out.append((a, b))
    return out


def oracle_deadline(cal: Calendar, opened: datetime, target: int, pauses):
    """(due_at or None, paused) by consuming working-time-minus-pauses from the opening."""
    if target == 0:
        return oracle_add(cal, opened, 0), False
    t = opened.timestamp()
    clipped = o_pauses(pauses, t)
    open_starts = [a for a, b in clipped if b == INF]
    days = 16
    while days < 40000:
        segments, limit = o_window(cal, t, days)
        result = o_consume(o_subtract(segments, clipped), t, target, limit)
        if result is not None:
            return datetime.fromtimestamp(result, ZoneInfo(cal.tz)), False
        if open_starts and min(open_starts) < limit:
            return None, True  # all the effective time there is lies inside the window
        days *= 2
    raise AssertionError("oracle found no working time")


def oracle_consumed(cal: Calendar, opened: datetime, now: datetime, pauses) -> int:
    t, n = opened.timestamp(), now.timestamp()
    if n <= t:
        return 0
    tz = ZoneInfo(cal.tz)
    segments = o_segments(
        cal, datetime.fromtimestamp(t, tz).date() - 2 * DAY, datetime.fromtimestamp(n, tz).date() + 2 * DAY
    )
    effective = o_subtract(segments, o_pauses(pauses, t, n))
    return int(sum(max(0.0, min(b, n) - max(a, t)) for a, b in effective))


# --------------------------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------------------------

# Interval bounds: half hours (so that instants and targets often land exactly on boundaries),
# any second, and the hours around midnight where Brazil's (and Havana's) DST gaps and folds are.
NEAR_MIDNIGHT = [0, 900, 1800, 2700, 3600, 5400, 7200, 8100, 9000, 10800, 82800, 84600, 85500, 86400]
marks = st.one_of(
    st.integers(0, 48).map(lambda k: k * 1800), st.integers(0, 86400), st.sampled_from(NEAR_MIDNIGHT)
)


@st.composite
def day_intervals(draw):
    points = sorted(draw(st.lists(marks, max_size=6, unique=True)))
    if len(points) % 2:
        points = points[:-1]
    return tuple(zip(points[::2], points[1::2], strict=True))


weekly_st = st.one_of(
    st.sampled_from(SEED_SCHEDULES).map(parse_schedule),
    st.tuples(*[day_intervals()] * 7),
).filter(any)


@st.composite
def scenario(draw):
    """A random calendar and an opening instant (aware, in the calendar's zone or in UTC).

    Half the dates are within 3 days of one of the zone's DST changes; half the opening wall times
    are on a half hour (often a schedule boundary); the fold is random (it matters in a DST fold).
    """
    tz_name = draw(st.sampled_from(ZONES))
    tz = ZoneInfo(tz_name)
    transitions = TRANSITIONS[tz_name]
    if transitions and draw(st.booleans()):
        base = draw(st.sampled_from(transitions)) + draw(st.integers(-3, 3)) * DAY
    else:
        base = date(2016, 1, 1) + draw(st.integers(0, 12 * 365)) * DAY
    wall = draw(st.one_of(st.integers(0, 47).map(lambda k: k * 1800), st.integers(0, 86399)))
    opened = datetime(base.year, base.month, base.day, tzinfo=tz) + timedelta(seconds=wall)
    # Wall-clock arithmetic: may be a nonexistent time (legal input); fold picks the occurrence.
    opened = opened.replace(fold=draw(st.integers(0, 1)))
    if draw(st.booleans()):
        opened = opened.astimezone(UTC)
    closed = frozenset(base + k * DAY for k in draw(st.lists(st.integers(-3, 40), max_size=8)))
    extras = draw(st.dictionaries(st.integers(-3, 40), day_intervals(), max_size=3))
    cal = Calendar(
        draw(weekly_st),
        tz=tz_name,
        closed_dates=closed,
        extra_working_dates=tuple((base + k * DAY, ivs) for k, ivs in extras.items()),
    )
    return cal, opened


seconds_st = st.one_of(
    st.sampled_from([0, 1, 1800, 3600, 10 * 3600, 40 * 3600]),
    st.integers(0, 400).map(lambda k: k * 1800),
    st.integers(0, 24 * 3600),
    st.integers(0, 300 * 3600),
)


@st.composite
def pauses_st(draw, opened: datetime):
    out = []
    for _ in range(draw(st.integers(0, 4))):
        start = opened + timedelta(seconds=draw(st.integers(-2 * 86400, 20 * 86400)))
        if draw(st.integers(0, 5)) == 0:
            out.append((start, None))
        else:
            out.append((start, start + timedelta(seconds=draw(st.integers(0, 4 * 86400)))))
    return out


def same_instant(actual: datetime | None, expected: datetime | None, tz: str) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return (
        actual.timestamp() == expected.timestamp()
        and actual.utcoffset() == expected.utcoffset()
        and getattr(actual.tzinfo, "key", None) == tz
    )


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@SETTINGS
@given(scenario(), seconds_st)
def test_prop_add_matches_oracle(case, seconds):
    """SLA-2/SLA-2a/SLA-6: add() is the oracle's earliest instant; between() gives the seconds back."""
    cal, opened = case
    clock = clock_for(cal)
    result = clock.add(opened, seconds)
    expected = oracle_add(cal, opened, seconds)
    assert same_instant(result, expected, cal.tz), (result.isoformat(), expected.isoformat())
    start = clock.next_working_instant(opened)
    assert same_instant(start, oracle_add(cal, opened, 0), cal.tz)
    assert clock.between(start, result) == seconds
    assert clock.between(opened, result) == seconds


@SETTINGS
@given(scenario(), st.integers(-3 * 86400, 60 * 86400))
def test_prop_between_matches_oracle(case, span):
    """SLA-5/SLA-6: between() equals the oracle's sum of overlaps (0 when end <= start)."""
    cal, opened = case
    end = opened + timedelta(seconds=span)
    assert clock_for(cal).between(opened, end) == oracle_between(cal, opened, end)


@SETTINGS
@given(scenario(), st.integers(0, 12))
def test_prop_days_matches_oracle(case, days):
    """SLA-2b: days_to_seconds() and the days deadline match the oracle's date walk."""
    cal, opened = case
    clock = clock_for(cal)
    seconds = clock.days_to_seconds(opened, days)
    assert seconds == oracle_days_to_seconds(cal, opened, days)
    due = clock.deadline(opened, days=days)
    assert due.target_seconds == seconds and not due.paused
    assert same_instant(due.due_at, oracle_add(cal, opened, seconds), cal.tz)


@SETTINGS
@given(st.data(), scenario(), seconds_st)
def test_prop_deadline_with_pauses_matches_oracle(data, case, seconds):
    """SLA-4/SLA-5: deadline() and consumed() with unsorted/overlapping/open pauses match the
    oracle's working-time-minus-pauses consumption."""
    cal, opened = case
    clock = clock_for(cal)
    pauses = data.draw(pauses_st(opened))
    result = clock.deadline(opened, seconds=seconds, pauses=pauses)
    expected, paused = oracle_deadline(cal, opened, seconds, pauses)
    assert result.paused is paused and result.target_seconds == seconds
    assert same_instant(result.due_at, expected, cal.tz), (result, expected)
    now = opened + timedelta(seconds=data.draw(st.integers(-86400, 30 * 86400)))
    assert clock.consumed(opened, now, pauses) == oracle_consumed(cal, opened, now, pauses)
    if result.due_at is not None:
        # At the deadline exactly the target has been consumed.
        assert clock.consumed(opened, result.due_at, pauses) == seconds


@SETTINGS
@given(scenario(), st.integers(-5, 60))
def test_prop_closed_dates_between(case, span_days):
    """CAL-2a: closed_dates_between() lists the closed dates whose weekly schedule would work."""
    cal, opened = case
    end = opened + span_days * DAY
    tz = ZoneInfo(cal.tz)
    first, last = opened.astimezone(tz).date(), end.astimezone(tz).date()
    extra_days = {d for d, _ in cal.extra_working_dates}
    expected = []
    day = first
    while day <= last:
        if day in cal.closed_dates and cal.weekly[day.weekday()] and day not in extra_days:
            expected.append(day)
        day += DAY
    assert clock_for(cal).closed_dates_between(opened, end) == expected


def test_prop_oracle_sanity():
    """The oracle itself reproduces SPEC SLA-2 / SLA-2a so the properties compare with something true."""
    cal = Calendar(parse_schedule("mon-fri 07:00-19:00"))
    assert oracle_add(cal, at(2026, 3, 13, 17), 36000) == at(2026, 3, 16, 15)
    assert oracle_add(cal, at(2026, 3, 13, 9), 36000) == at(2026, 3, 13, 19)
    assert oracle_days_to_seconds(cal, at(2026, 3, 10, 10), 4) == 48 * 3600
