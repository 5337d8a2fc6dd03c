"""Fixed cases for the business-time engine (sla/engine.py): SPEC sections 3-5 (SEV, SLA, CAL).

Every expected instant is a hand-computed literal; the comment beside it shows the arithmetic.
Holidays are the `holidays` package's PUBLIC Brazilian holidays only (CAL-2a): optional days such
as Carnival, Corpus Christi, Dec 24 and Dec 31 are working days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import holidays
import pytest

from sla.engine import (
    DEFAULT_TZ,
    BusinessClock,
    Calendar,
    Deadline,
    clock_for,
    parse_schedule,
)
from tests.helpers import at

H = 3600

# CAL-3: the calendars from the seeds.
SCHEDULES = {
    "suporte-tecnico": "mon-fri 07:00-19:00",
    "prime": "mon-fri 07:00-19:00",
    "prime-24x7": "mon-sun 00:00-24:00",
    "cst": "mon-fri 08:00-12:00,13:30-18:00",
    "e-learning": "mon-fri 08:30-12:00,13:30-18:00",
    "cloud": "mon-sun 00:00-24:00",
    "bpo": "mon-fri 08:00-18:00",
    "first": "mon-fri 07:30-19:00",
    "vitrine": "mon-fri 08:00-19:00; sat 09:00-15:00",
    "consultorio": "mon-fri 07:00-19:00",
    "consultoria": "mon-fri 08:00-18:00",
    "ouvidoria": "mon-fri 08:00-12:00,13:30-17:30",
}
# Cloud computing has no holidays (CAL-3); the others close on national holidays.
NO_HOLIDAYS = {"cloud", "prime-24x7"}

BR = frozenset(holidays.country_holidays("BR", years=range(2016, 2031), categories=("public",)))


def cal(name: str, *, with_holidays: bool | None = None, **kwargs) -> Calendar:
    if with_holidays is None:
        with_holidays = name not in NO_HOLIDAYS
    return Calendar(
        parse_schedule(SCHEDULES[name]), closed_dates=BR if with_holidays else frozenset(), **kwargs
    )


def clock(name: str, **kwargs) -> BusinessClock:
    return clock_for(cal(name, **kwargs))


def assert_instant(actual: datetime, expected: datetime) -> None:
    """Same instant, same UTC offset, in the calendar's zone (== alone ignores fold in one zone)."""
    assert actual is not None
    assert actual.tzinfo is not None and getattr(actual.tzinfo, "key", None) == DEFAULT_TZ, actual
    assert actual.timestamp() == expected.timestamp(), (actual.isoformat(), expected.isoformat())
    assert actual.utcoffset() == expected.utcoffset(), (actual.isoformat(), expected.isoformat())


# --------------------------------------------------------------------------------------------
# CAL-1 / CAL-3: schedules and calendars
# --------------------------------------------------------------------------------------------


def test_cal3_parse_all_seed_schedules():
    """CAL-3: the 11 seed calendars parse to the expected weekly intervals."""
    week = {name: parse_schedule(text) for name, text in SCHEDULES.items()}
    assert week["suporte-tecnico"] == ((((7 * H, 19 * H),),) * 5) + ((), ())
    assert week["cst"] == (((8 * H, 12 * H), (13 * H + 1800, 18 * H)),) * 5 + ((), ())
    assert week["e-learning"][0] == ((8 * H + 1800, 12 * H), (13 * H + 1800, 18 * H))
    assert week["cloud"] == (((0, 86400),),) * 7
    assert week["bpo"] == (((8 * H, 18 * H),),) * 5 + ((), ())
    assert week["first"][4] == ((7 * H + 1800, 19 * H),)
    assert week["vitrine"][:5] == (((8 * H, 19 * H),),) * 5
    assert week["vitrine"][5] == ((9 * H, 15 * H),)
    assert week["vitrine"][6] == ()
    assert week["ouvidoria"][2] == ((8 * H, 12 * H), (13 * H + 1800, 17 * H + 1800))
    for name in SCHEDULES:
        Calendar(week[name])  # all valid


def test_cal1_parse_schedule_variants():
    """CAL-1: day lists, Portuguese day names, seconds, spaces, a day named twice (union)."""
    eight_to_nine = ((28800, 32400),)
    assert parse_schedule("MON,wed-thu 08:00-09:00")[0:5] == (
        eight_to_nine,
        (),
        eight_to_nine,
        eight_to_nine,
        (),
    )
    assert parse_schedule("seg-sex 08:00-12:00, 13:00:30-18:00") == (
        ((28800, 43200), (46830, 64800)),
    ) * 5 + ((), ())
    assert parse_schedule("mon 13:00-14:00; mon 08:00-12:00;")[0] == ((28800, 43200), (46800, 50400))
    assert parse_schedule("sab-dom 00:00-24:00")[5:] == (((0, 86400),), ((0, 86400),))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ;  ",
        "mon-fri",
        "mon-fri 08:00",
        "xyz 08:00-12:00",
        "fri-mon 08:00-12:00",  # ranges must not run backwards
        "mon-fri 12:00-08:00",
        "mon-fri 08:00-08:00",
        "mon-fri 08:00-12:00,11:00-13:00",  # overlap
        "mon 08:00-12:00; mon 11:00-13:00",  # overlap across clauses
        "mon-fri 25:00-26:00",
        "mon-fri 08:60-09:00",
        "mon-fri 24:30-24:45",
        "mon-fri 8h-12h",
        "mon--fri 08:00-12:00",
        "mon-fri 08:00-12:00-13:00",
    ],
)
def test_cal1_invalid_schedule_text_raises(text):
    """CAL-1: bad schedule text is a ValueError with a message, never a silent empty calendar."""
    with pytest.raises(ValueError):
        parse_schedule(text)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekly": ((),) * 6},
        {"weekly": ((),) * 8},
        {"weekly": (((-1, 10),),) + ((),) * 6},
        {"weekly": (((0, 86401),),) + ((),) * 6},
        {"weekly": (((10, 10),),) + ((),) * 6},
        {"weekly": (((100, 200), (150, 300)),) + ((),) * 6},  # overlap
        {"weekly": (((300, 400), (100, 200)),) + ((),) * 6},  # unsorted
        {"weekly": (((0.5, 10),),) + ((),) * 6},  # not int
        {"weekly": "mon-fri 08:00-18:00"},  # text: use parse_schedule
        {"weekly": ((),) * 7, "tz": "Mars/Olympus_Mons"},
        {"weekly": ((),) * 7, "tz": "America"},
        {"weekly": ((),) * 7, "closed_dates": frozenset({datetime(2026, 1, 1)})},
        {"weekly": ((),) * 7, "extra_working_dates": ((date(2026, 1, 1), ((5, 1),)),)},
        {
            "weekly": ((),) * 7,
            "extra_working_dates": ((date(2026, 1, 1), ((1, 5),)), (date(2026, 1, 1), ((6, 9),))),
        },
    ],
)
def test_cal1_calendar_validation(kwargs):
    """CAL-1: Calendar.__post_init__ rejects malformed calendars with ValueError."""
    with pytest.raises(ValueError):
        Calendar(**kwargs)


def test_cal1_calendar_normalises_and_is_hashable():
    """CAL-1: lists and dicts are accepted and normalised, so equal calendars share one clock."""
    weekly = [[[8 * H, 18 * H]]] * 5 + [[], []]
    a = Calendar(weekly, closed_dates={date(2026, 4, 3)}, extra_working_dates={date(2026, 4, 4): [(0, 60)]})
    b = Calendar(parse_schedule("mon-fri 08:00-18:00"), closed_dates=frozenset({date(2026, 4, 3)}),
                 extra_working_dates=((date(2026, 4, 4), ((0, 60),)),))  # fmt: skip
    assert a == b and hash(a) == hash(b)
    assert clock_for(a) is clock_for(b)
    assert a.intervals_on(date(2026, 4, 3)) == ()
    assert a.intervals_on(date(2026, 4, 4)) == ((0, 60),)
    assert a.intervals_on(date(2026, 4, 6)) == ((8 * H, 18 * H),)
    # A holidays object can be passed directly as closed_dates.
    c = Calendar(weekly, closed_dates=holidays.country_holidays("BR", years=2026, categories=("public",)))
    assert date(2026, 4, 21) in c.closed_dates


def test_cal2a_public_holidays_only():
    """CAL-2a: Good Friday, Tiradentes and Nov 20 (from 2024) are public holidays; Carnival,
    Corpus Christi, Dec 24/31 are optional (working) days; Nov 20 2023 was not a holiday."""
    assert {date(2026, 4, 3), date(2026, 4, 21), date(2024, 11, 20), date(2026, 1, 1)} <= BR
    assert date(2023, 11, 20) not in BR
    assert not {date(2026, 2, 16), date(2026, 2, 17), date(2026, 6, 4), date(2025, 12, 24)} & BR
    assert date(2025, 12, 31) not in BR


# --------------------------------------------------------------------------------------------
# SLA-2 / SLA-2a: business hours
# --------------------------------------------------------------------------------------------


def test_sla2_spec_example_friday_17h_plus_10h_is_monday_15h():
    """SLA-2: 10 business hours opened Friday 17:00 on 07:00-19:00 end Monday 15:00."""
    c = clock("suporte-tecnico")
    assert_instant(c.add(at(2026, 3, 13, 17), 10 * H), at(2026, 3, 16, 15))  # Fri 17-19 2h + Mon 07-15 8h
    assert c.between(at(2026, 3, 13, 17), at(2026, 3, 16, 15)) == 10 * H


def test_sla2a_friday_9h_plus_10h_is_friday_19h_not_monday():
    """SLA-2a: the deadline is the earliest instant: Fri 09:00 + 10 h = Fri 19:00, not Mon 07:00."""
    c = clock("suporte-tecnico")
    assert_instant(c.add(at(2026, 3, 13, 9), 10 * H), at(2026, 3, 13, 19))
    assert_instant(c.deadline(at(2026, 3, 13, 9), hours=10).due_at, at(2026, 3, 13, 19))


@pytest.mark.parametrize(
    ("name", "opened", "seconds", "expected"),
    [
        # SLA-2a: opened outside hours, counting starts at the next working instant.
        ("suporte-tecnico", (2026, 3, 14, 10), 10 * H, (2026, 3, 16, 17)),  # Sat -> Mon 07:00 + 10h
        ("suporte-tecnico", (2026, 3, 15, 23, 59, 59), 1, (2026, 3, 16, 7, 0, 1)),  # Sun night
        ("suporte-tecnico", (2026, 3, 11, 22, 30), 1 * H, (2026, 3, 12, 8)),  # Wed night -> Thu 07-08
        ("suporte-tecnico", (2026, 3, 12, 5), 2 * H, (2026, 3, 12, 9)),  # before opening: 07-09
        ("cst", (2026, 3, 11, 12, 45), 1 * H, (2026, 3, 11, 14, 30)),  # lunch break: 13:30 + 1h
        ("cst", (2026, 3, 11, 12, 0), 30 * 60, (2026, 3, 11, 14, 0)),  # exactly 12:00 is lunch
        # End of shift exactly (earliest instant, SLA-2a).
        ("cst", (2026, 3, 11, 8), 4 * H, (2026, 3, 11, 12)),  # 08-12 = 4h, not 13:30
        ("suporte-tecnico", (2026, 3, 11, 7), 12 * H, (2026, 3, 11, 19)),  # full day
        ("suporte-tecnico", (2026, 3, 11, 19), 1 * H, (2026, 3, 12, 8)),  # opened at closing time
        ("suporte-tecnico", (2026, 3, 11, 18, 59, 59), 1, (2026, 3, 11, 19)),
        # Split shifts (cst: 4h + 4.5h = 8.5h a day).
        ("cst", (2026, 3, 11, 11), 2 * H, (2026, 3, 11, 14, 30)),  # 11-12 1h + 13:30-14:30
        ("cst", (2026, 3, 9, 8), 8 * H + 1800, (2026, 3, 9, 18)),  # one full cst day
        ("cst", (2026, 3, 9, 8), 8 * H + 1801, (2026, 3, 10, 8, 0, 1)),
        ("cst", (2026, 3, 9, 8), 40 * H, (2026, 3, 13, 15, 30)),  # 4 days = 34h, Fri 08-12 + 13:30-15:30
        ("e-learning", (2026, 3, 9, 8), 4 * H, (2026, 3, 9, 14)),  # 08:30-12 3.5h + 13:30-14:00
        ("ouvidoria", (2026, 3, 9, 17), 1 * H, (2026, 3, 10, 8, 30)),  # 17-17:30 + Tue 08-08:30
        ("first", (2026, 3, 9, 7), 1 * H, (2026, 3, 9, 8, 30)),  # 07:30-08:30
        ("bpo", (2026, 3, 13, 16), 4 * H, (2026, 3, 16, 10)),  # Fri 16-18 + Mon 08-10
        # Saturday (vitrine: Mon-Fri 08-19, Sat 09-15).
        ("vitrine", (2026, 3, 13, 18), 4 * H, (2026, 3, 14, 12)),  # Fri 18-19 1h + Sat 09-12
        ("vitrine", (2026, 3, 14, 14), 2 * H, (2026, 3, 16, 9)),  # Sat 14-15 1h + Mon 08-09
        ("vitrine", (2026, 3, 14, 16), 1, (2026, 3, 16, 8, 0, 1)),  # Sat after 15:00 -> Mon
        # 24x7 is just elapsed time.
        ("cloud", (2026, 3, 13, 17), 10 * H, (2026, 3, 14, 3)),
        ("prime-24x7", (2026, 12, 31, 23), 2 * H, (2027, 1, 1, 1)),
    ],
)
def test_sla2a_add_cases(name, opened, seconds, expected):
    """SLA-2 / SLA-2a: hand-computed deadlines on the CAL-3 calendars."""
    c = clock(name)
    assert_instant(c.add(at(*opened), seconds), at(*expected))
    start = c.next_working_instant(at(*opened))
    assert c.between(start, at(*expected)) == seconds
    assert c.between(at(*opened), at(*expected)) == seconds


def test_sla2a_add_zero_is_next_working_instant():
    """SLA-2a: add(x, 0) = x on a working instant, else the next working instant."""
    c = clock("cst")
    assert_instant(c.add(at(2026, 3, 11, 10, 15), 0), at(2026, 3, 11, 10, 15))
    assert_instant(c.add(at(2026, 3, 11, 12, 15), 0), at(2026, 3, 11, 13, 30))
    assert_instant(c.add(at(2026, 3, 13, 18), 0), at(2026, 3, 16, 8))
    assert_instant(c.next_working_instant(at(2026, 3, 11, 12)), at(2026, 3, 11, 13, 30))
    assert_instant(c.next_working_instant(at(2026, 3, 11, 8)), at(2026, 3, 11, 8))
    assert c.is_working(at(2026, 3, 11, 8)) and not c.is_working(at(2026, 3, 11, 12))
    assert_instant(c.deadline(at(2026, 3, 14, 9), seconds=0).due_at, at(2026, 3, 16, 8))
    with pytest.raises(ValueError):
        c.add(at(2026, 3, 11, 10), -1)


def test_sla2_inputs_in_any_zone_results_in_calendar_zone():
    """SLA-6: aware inputs in any zone; results always in the calendar's zone."""
    c = clock("suporte-tecnico")
    opened = datetime(2026, 3, 13, 20, tzinfo=UTC)  # = Fri 17:00 -03:00
    assert_instant(c.add(opened, 10 * H), at(2026, 3, 16, 15))
    lisbon = datetime(2026, 3, 13, 12, tzinfo=timezone(timedelta(hours=0)))  # = Fri 09:00 -03:00
    assert_instant(c.add(lisbon, 10 * H), at(2026, 3, 13, 19))
    assert_instant(c.next_working_instant(opened), at(2026, 3, 13, 17))


def test_sla6_microseconds_are_kept():
    """SLA-6: exact to the second; sub-second opening instants are carried through."""
    c = clock("suporte-tecnico")
    opened = at(2026, 3, 13, 17, 0, 0, 250000)
    assert_instant(c.add(opened, 10 * H), at(2026, 3, 16, 15, 0, 0, 250000))
    assert c.between(opened, at(2026, 3, 16, 15, 0, 0, 250000)) == 10 * H
    assert c.between(opened, at(2026, 3, 16, 15, 0, 0, 249999)) == 10 * H - 1  # floored


# --------------------------------------------------------------------------------------------
# SLA-2b: business days
# --------------------------------------------------------------------------------------------


def test_sla2b_tuesday_10h_plus_4_days_is_next_monday_10h():
    """SLA-2b / SEV-1: Critical (4 business days) opened Tue 10:00 is due Mon 10:00."""
    c = clock("suporte-tecnico")
    assert c.days_to_seconds(at(2026, 3, 10, 10), 4) == 48 * H  # Tue 9h + Wed/Thu/Fri 36h + Mon 3h
    d = c.deadline(at(2026, 3, 10, 10), days=4)
    assert d == Deadline(d.due_at, 48 * H, False)
    assert_instant(d.due_at, at(2026, 3, 16, 10))


def test_sla2b_days_across_good_friday():
    """SLA-2b + CAL-2a: Tue 2026-03-31 10:00 + 4 days skips Good Friday 04-03: Wed, Thu, Mon, Tue."""
    c = clock("suporte-tecnico")
    d = c.deadline(at(2026, 3, 31, 10), days=4)
    assert d.target_seconds == 48 * H
    assert_instant(d.due_at, at(2026, 4, 7, 10))
    assert c.closed_dates_between(at(2026, 3, 31, 10), d.due_at) == [date(2026, 4, 3)]


def test_sla2b_days_target_on_split_shift_and_from_outside_hours():
    """SLA-2b: the opening moves to the next working instant; its wall time is kept on the Nth date."""
    cst = clock("cst")
    # Opened in the lunch break Wed 12:30 -> o = Wed 13:30; 2 days -> Fri 13:30 = 17 business hours,
    # whose earliest instant (SLA-2a) is Fri 12:00, the start of the lunch break before 13:30.
    assert cst.days_to_seconds(at(2026, 3, 11, 12, 30), 2) == 2 * (8 * H + 1800)
    assert_instant(cst.deadline(at(2026, 3, 11, 12, 30), days=2).due_at, at(2026, 3, 13, 12))
    # Opened Wed 10:00, 2 days -> Fri 10:00 (not at a boundary: kept as is).
    assert_instant(cst.deadline(at(2026, 3, 11, 10), days=2).due_at, at(2026, 3, 13, 10))
    # Opened Saturday -> o = Mon 07:00, 1 day -> Tue 07:00 = 12 business hours, whose earliest
    # instant (SLA-2a) is Mon 19:00: the same business position as Tue 07:00.
    sup = clock("suporte-tecnico")
    d = sup.deadline(at(2026, 3, 14, 10), days=1)
    assert d.target_seconds == 12 * H
    assert_instant(d.due_at, at(2026, 3, 16, 19))
    # Zero days is zero seconds.
    assert sup.days_to_seconds(at(2026, 3, 14, 10), 0) == 0
    with pytest.raises(ValueError):
        sup.days_to_seconds(at(2026, 3, 14, 10), -1)


def test_sla2b_wall_time_not_working_on_target_date_moves_to_next_working_instant():
    """SLA-2b: on an extra working date with shorter hours, the target falls back to the next
    working instant after the wall time (Sat 2026-03-14 works 08-12 only; opened Fri 15:00 + 1 day
    -> Sat 15:00 is not working -> Mon 07:00)."""
    c = clock_for(cal("suporte-tecnico", extra_working_dates=((date(2026, 3, 14), ((8 * H, 12 * H),)),)))
    assert c.days_to_seconds(at(2026, 3, 13, 15), 1) == 4 * H + 4 * H  # Fri 15-19 + Sat 08-12
    # The earliest instant at that business position is Sat 12:00.
    assert_instant(c.deadline(at(2026, 3, 13, 15), days=1).due_at, at(2026, 3, 14, 12))


# --------------------------------------------------------------------------------------------
# CAL-2 / CAL-2a: holidays and special dates
# --------------------------------------------------------------------------------------------


def test_cal2a_good_friday_2026():
    """CAL-2a: Good Friday 2026-04-03 is closed: Thu 17:00 + 10h = Mon 04-06 15:00; 24x7 cloud has
    no holidays."""
    assert_instant(clock("suporte-tecnico").add(at(2026, 4, 2, 17), 10 * H), at(2026, 4, 6, 15))
    assert_instant(clock("cloud").add(at(2026, 4, 2, 17), 10 * H), at(2026, 4, 3, 3))
    # Without the holiday (CAL-2: a calendar that works the day) it is Fri 15:00.
    assert_instant(
        clock("suporte-tecnico", with_holidays=False).add(at(2026, 4, 2, 17), 10 * H), at(2026, 4, 3, 15)
    )


def test_cal2a_black_awareness_day_from_2024_only():
    """CAL-2a: Nov 20 is a national holiday from 2024 (Wed 2024-11-20 closed), not in 2023."""
    c = clock("bpo")
    assert_instant(c.add(at(2024, 11, 19, 17), 2 * H), at(2024, 11, 21, 9))  # Tue 17-18 + Thu 08-09
    assert_instant(c.add(at(2023, 11, 17, 17), 2 * H), at(2023, 11, 20, 9))  # Fri 17-18 + Mon 20 08-09


def test_cal2a_tiradentes():
    """CAL-2a: Tiradentes (Tue 2026-04-21) is closed on the First calendar (07:30-19:00)."""
    assert_instant(clock("first").add(at(2026, 4, 20, 18), 2 * H), at(2026, 4, 22, 8, 30))


def test_cal2a_year_end_dec31_works_jan1_closed():
    """SLA-6 + CAL-2a: Dec 31 (optional day) works, Jan 1 is closed: Wed 17:00 + 2h = Fri 09:00."""
    c = clock("bpo")
    assert_instant(c.add(at(2025, 12, 31, 17), 2 * H), at(2026, 1, 2, 9))
    assert c.between(at(2025, 12, 31, 17), at(2026, 1, 2, 9)) == 2 * H
    assert c.closed_dates_between(at(2025, 12, 31, 17), at(2026, 1, 2, 9)) == [date(2026, 1, 1)]


def test_cal2a_carnival_is_a_working_day():
    """CAL-2a: Carnival Monday 2026-02-16 is optional, so it works."""
    assert_instant(clock("bpo").add(at(2026, 2, 13, 17), 2 * H), at(2026, 2, 16, 9))


def test_cal1_extra_working_date_on_a_holiday():
    """CAL-1: a special working date wins over the holiday (Good Friday open 08-12)."""
    c = clock_for(cal("suporte-tecnico", extra_working_dates=((date(2026, 4, 3), ((8 * H, 12 * H),)),)))
    assert_instant(c.add(at(2026, 4, 2, 17), 10 * H), at(2026, 4, 6, 11))  # Thu 2h + Fri 4h + Mon 07-11
    assert c.closed_dates_between(at(2026, 4, 1), at(2026, 4, 30)) == [date(2026, 4, 21)]
    # An extra working Sunday on an otherwise closed weekend.
    c2 = clock_for(cal("bpo", extra_working_dates=((date(2026, 3, 15), ((10 * H, 11 * H),)),)))
    assert_instant(c2.add(at(2026, 3, 13, 17), 2 * H), at(2026, 3, 15, 11))  # Fri 17-18 + Sun 10-11


def test_cal1_closed_date_admin_registered():
    """CAL-1/CAL-2: a closed date registered in the admin (e.g. a municipal holiday) is skipped."""
    c = clock_for(Calendar(parse_schedule(SCHEDULES["bpo"]), closed_dates=BR | {date(2026, 3, 16)}))
    assert_instant(c.add(at(2026, 3, 13, 17), 2 * H), at(2026, 3, 17, 9))


def test_cal2a_closed_dates_between():
    """CAL-2a: closed dates that would have worked (weekend holidays are not listed)."""
    c = clock("suporte-tecnico")
    assert c.closed_dates_between(at(2026, 4, 1), at(2026, 4, 30, 23)) == [
        date(2026, 4, 3),
        date(2026, 4, 21),
    ]
    # Nov 2026: Nov 2 (Mon) and Nov 20 (Fri); Nov 15 is a Sunday.
    assert c.closed_dates_between(at(2026, 11, 1), at(2026, 11, 30)) == [
        date(2026, 11, 2),
        date(2026, 11, 20),
    ]
    # Local dates: 2026-04-03 02:00 UTC is still Apr 2 in Sao Paulo.
    assert c.closed_dates_between(at(2026, 4, 1), datetime(2026, 4, 3, 2, tzinfo=UTC)) == []
    assert c.closed_dates_between(at(2026, 4, 30), at(2026, 4, 1)) == []
    assert clock("cloud").closed_dates_between(at(2026, 1, 1), at(2026, 12, 31)) == []


# --------------------------------------------------------------------------------------------
# SLA-6: DST (Brazil had DST until 2019)
# --------------------------------------------------------------------------------------------


def test_sla6_24x7_across_dst_start_2018_11_04():
    """SLA-6: 2018-11-04 00:00 did not exist (-> 01:00 -02:00); that day has 23 real hours."""
    c = clock("cloud")
    assert_instant(c.add(at(2018, 11, 3, 12), 24 * H), at(2018, 11, 4, 13))  # 15:00Z -> 13:00 -02
    assert at(2018, 11, 4, 13).utcoffset() == timedelta(hours=-2)
    assert c.between(at(2018, 11, 4), at(2018, 11, 5)) == 23 * H
    assert c.between(at(2018, 11, 3), at(2018, 11, 4)) == 24 * H
    assert_instant(c.next_working_instant(at(2018, 11, 4, 0, 30)), at(2018, 11, 4, 1, 30))
    assert_instant(c.add(at(2018, 11, 3, 23), 1 * H), at(2018, 11, 4, 1))  # midnight skipped


def test_sla6_24x7_across_dst_end_2019_02_17_and_2018_02_18():
    """SLA-6: DST ended 2019-02-17 and 2018-02-18 (00:00 -> 23:00 the day before, 25 h days)."""
    c = clock("prime-24x7")
    assert_instant(c.add(at(2019, 2, 16, 12), 24 * H), at(2019, 2, 17, 11))  # 14:00Z -> 11:00 -03
    assert c.between(at(2019, 2, 16), at(2019, 2, 17)) == 25 * H
    assert c.between(at(2018, 2, 17), at(2018, 2, 18)) == 25 * H
    # 22:00 -02 + 2h is the *second* 23:00 (-03) of 2018-02-17.
    result = c.add(at(2018, 2, 17, 22), 2 * H)
    assert_instant(result, at(2018, 2, 17, 23, fold=1))
    assert result.fold == 1 and result.utcoffset() == timedelta(hours=-3)
    assert c.between(at(2017, 10, 15), at(2017, 10, 16)) == 23 * H  # DST start 2017


def test_sla6_business_hours_across_dst_weekends():
    """SLA-6: on 07:00-19:00, DST weekends change only the offset; Fri 2018-11-02 is All Souls'
    Day (closed), so Thu 17:00 + 10h = Mon 15:00 -02:00."""
    c = clock("suporte-tecnico")
    assert_instant(c.add(at(2018, 11, 1, 17), 10 * H), at(2018, 11, 5, 15))
    assert c.add(at(2018, 11, 1, 17), 10 * H).utcoffset() == timedelta(hours=-2)
    assert_instant(c.add(at(2019, 2, 15, 17), 10 * H), at(2019, 2, 18, 15))  # -02 -> -03
    assert c.add(at(2019, 2, 15, 17), 10 * H).utcoffset() == timedelta(hours=-3)
    assert_instant(c.add(at(2018, 2, 16, 17), 10 * H), at(2018, 2, 19, 15))
    assert c.between(at(2018, 11, 1, 17), at(2018, 11, 5, 15)) == 10 * H


def test_sla6_interval_starting_in_the_dst_gap():
    """SLA-6: a weekly interval starting at 00:00 on the DST-start day begins at 01:00 -02:00
    (zoneinfo, fold=0), so Sunday 2018-11-04 00:00-02:00 holds one real hour."""
    c = clock_for(Calendar(parse_schedule("sun 00:00-02:00")))
    assert c.between(at(2018, 11, 3), at(2018, 11, 5)) == 1 * H
    assert_instant(c.next_working_instant(at(2018, 11, 3)), at(2018, 11, 4, 1))
    assert c.between(at(2018, 11, 10), at(2018, 11, 12)) == 2 * H


def test_index_grows_lazily_across_decades():
    """The lazy index grows forwards and backwards on demand (SLA-6: historical tickets)."""
    c = clock("suporte-tecnico", with_holidays=False)
    assert_instant(c.add(at(2026, 3, 13, 17), 10 * H), at(2026, 3, 16, 15))
    assert_instant(c.add(at(2035, 3, 9, 17), 10 * H), at(2035, 3, 12, 15))
    assert_instant(c.add(at(2001, 3, 9, 17), 10 * H), at(2001, 3, 12, 15))
    # 1000 business hours from 2026-03-09 07:00: 83 days + 4h -> 16 weeks + 3 days + 4h.
    assert_instant(c.add(at(2026, 3, 9, 7), 1000 * H), at(2026, 7, 2, 11))
    assert c.between(at(2001, 1, 1), at(2035, 1, 1)) > 0


# --------------------------------------------------------------------------------------------
# SLA-4: pauses
# --------------------------------------------------------------------------------------------

MON = (2026, 3, 9)  # Monday; suporte-tecnico 07:00-19:00


def test_sla4_open_pause_holds_the_deadline():
    """SLA-4: a pause still open, started before the deadline: due_at None, paused True."""
    c = clock("suporte-tecnico")
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(*MON, 10), None)])
    assert d == Deadline(None, 10 * H, True)


def test_sla4_open_pause_after_or_at_the_deadline_does_not_move_it():
    """SLA-4: an open pause starting at or after the deadline (Mon 18:00) does not move it."""
    c = clock("suporte-tecnico")
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(*MON, 18), None)])
    assert d.paused is False
    assert_instant(d.due_at, at(*MON, 18))
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(2026, 3, 10, 9), None)])
    assert_instant(d.due_at, at(*MON, 18))
    # Outside hours right after the deadline: same business position as the deadline.
    d = c.deadline(at(*MON, 9), hours=10, pauses=[(at(*MON, 22), None)])
    assert_instant(d.due_at, at(*MON, 19))


def test_sla4_closed_pause_inside_hours():
    """SLA-4: Mon 10:00-11:30 paused: 10h + 1.5h from Mon 08:00 = Mon 08-19 11h + Tue 07:00-07:30."""
    c = clock("suporte-tecnico")
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(*MON, 10), at(*MON, 11, 30))])
    assert_instant(d.due_at, at(2026, 3, 10, 7, 30))
    assert c.consumed(at(*MON, 8), d.due_at, [(at(*MON, 10), at(*MON, 11, 30))]) == 10 * H


def test_sla4_closed_pause_spanning_a_night():
    """SLA-4: Mon 17:00 -> Tue 08:00 paused = 3 business hours (Mon 17-19, Tue 07-08): due 13h after
    Mon 08:00 = Mon 08-19 11h + Tue 07-09.  Unpaused time by then: Mon 08-17 9h + Tue 08-09 1h = 10h."""
    c = clock("suporte-tecnico")
    pauses = [(at(*MON, 17), at(2026, 3, 10, 8))]
    assert_instant(c.deadline(at(*MON, 8), hours=10, pauses=pauses).due_at, at(2026, 3, 10, 9))
    # Starting exactly at the deadline (Mon 18:00), the same night pause does not move it.
    pauses = [(at(*MON, 18), at(2026, 3, 10, 8))]
    assert_instant(c.deadline(at(*MON, 8), hours=10, pauses=pauses).due_at, at(*MON, 18))


def test_sla4_overlapping_unsorted_pauses_are_merged():
    """SLA-4: 10-12 and 09-11 overlap: 3h paused (09-12), due = 13h after Mon 08:00 = Tue 09:00."""
    c = clock("suporte-tecnico")
    pauses = [(at(*MON, 10), at(*MON, 12)), (at(*MON, 9), at(*MON, 11))]
    assert_instant(c.deadline(at(*MON, 8), hours=10, pauses=pauses).due_at, at(2026, 3, 10, 9))
    # The same pause twice counts once.
    twice = [(at(*MON, 9), at(*MON, 12))] * 2
    assert_instant(c.deadline(at(*MON, 8), hours=10, pauses=twice).due_at, at(2026, 3, 10, 9))


def test_sla4_pause_before_opening_and_outside_hours():
    """SLA-4: only the part of a pause after the opening counts; pauses outside hours count 0."""
    c = clock("suporte-tecnico")
    # Sun 10:00 -> Mon 09:00 with opening Mon 08:00: 1h paused -> due 11h after 08:00 = Mon 19:00.
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(2026, 3, 8, 10), at(*MON, 9))])
    assert_instant(d.due_at, at(*MON, 19))
    # Entirely before the opening: ignored.
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(2026, 3, 6, 10), at(2026, 3, 6, 12))])
    assert_instant(d.due_at, at(*MON, 18))
    # Saturday pause on a ticket spanning the weekend: no business time paused.
    d = c.deadline(at(2026, 3, 13, 17), hours=10, pauses=[(at(2026, 3, 14, 9), at(2026, 3, 14, 18))])
    assert_instant(d.due_at, at(2026, 3, 16, 15))
    # Zero-length pause: nothing.
    d = c.deadline(at(*MON, 8), hours=10, pauses=[(at(*MON, 9), at(*MON, 9))])
    assert_instant(d.due_at, at(*MON, 18))


def test_sla4_days_target_with_pause():
    """SLA-2b + SLA-4: a days target becomes seconds, then pauses extend it like hours."""
    c = clock("suporte-tecnico")
    d = c.deadline(at(2026, 3, 10, 10), days=4, pauses=[(at(2026, 3, 11, 9), at(2026, 3, 11, 11))])
    assert d.target_seconds == 48 * H
    assert_instant(d.due_at, at(2026, 3, 16, 12))  # Mon 10:00 + 2h


def test_sla5_consumed():
    """SLA-5: business time consumed so far, pauses (closed and open) excluded."""
    c = clock("suporte-tecnico")
    closed = (at(*MON, 10), at(*MON, 11, 30))
    assert c.consumed(at(*MON, 8), at(2026, 3, 10, 10), [closed]) == 12 * H + 1800  # 14h - 1.5h
    assert c.consumed(at(*MON, 8), at(2026, 3, 10, 10), [closed, (at(2026, 3, 10, 9), None)]) == 11 * H + 1800
    assert c.consumed(at(*MON, 8), at(*MON, 7)) == 0
    assert c.consumed(at(2026, 3, 14, 8), at(2026, 3, 15, 8)) == 0  # weekend


def test_sla_deadline_argument_checks():
    """SLA-2: exactly one target kind; hours may be fractional; negative targets rejected."""
    c = clock("suporte-tecnico")
    with pytest.raises(ValueError):
        c.deadline(at(*MON, 8))
    with pytest.raises(ValueError):
        c.deadline(at(*MON, 8), hours=1, seconds=3600)
    with pytest.raises(ValueError):
        c.deadline(at(*MON, 8), hours=-1)
    with pytest.raises(ValueError):
        c.deadline(at(*MON, 8), hours=1, pauses=[(at(*MON, 10), at(*MON, 9))])  # ends before it starts
    with pytest.raises(ValueError):
        c.deadline(at(*MON, 8), hours=float("inf"))
    assert_instant(c.deadline(at(*MON, 8), hours=0.5).due_at, at(*MON, 8, 30))
    assert_instant(c.deadline(at(*MON, 8), hours=Decimal("1.25")).due_at, at(*MON, 9, 15))  # DecimalField
    assert c.deadline(at(*MON, 8), seconds=90).target_seconds == 90


# --------------------------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------------------------


def test_naive_datetimes_are_rejected():
    """SLA-6: every instant must be aware."""
    c = clock("suporte-tecnico")
    naive = datetime(2026, 3, 9, 8)
    aware = at(*MON, 8)
    for call in (
        lambda: c.add(naive, 10),
        lambda: c.add(naive, 0),
        lambda: c.next_working_instant(naive),
        lambda: c.between(naive, aware),
        lambda: c.between(aware, naive),
        lambda: c.days_to_seconds(naive, 1),
        lambda: c.deadline(naive, hours=1),
        lambda: c.deadline(aware, hours=1, pauses=[(naive, None)]),
        lambda: c.consumed(aware, naive),
        lambda: c.closed_dates_between(naive, aware),
    ):
        with pytest.raises(ValueError, match="naive"):
            call()


def test_calendar_without_working_time_raises_instead_of_looping():
    """CAL-1: a calendar with no working time at all is a ValueError (10-year search horizon)."""
    c = clock_for(Calendar(((),) * 7))
    with pytest.raises(ValueError, match="no working time"):
        c.add(at(*MON, 8), 1)
    with pytest.raises(ValueError, match="no working time"):
        c.next_working_instant(at(*MON, 8))
    with pytest.raises(ValueError, match="no working time"):
        c.deadline(at(*MON, 8), days=1)
    assert c.between(at(*MON, 8), at(2027, 3, 9)) == 0
    # Only special dates: works until they run out, then raises.
    c = clock_for(Calendar(((),) * 7, extra_working_dates=((date(2026, 3, 10), ((9 * H, 10 * H),)),)))
    assert_instant(c.add(at(*MON, 8), 1800), at(2026, 3, 10, 9, 30))
    with pytest.raises(ValueError, match="no working time"):
        c.add(at(*MON, 8), 2 * H)
    # Everything closed for far longer than the 10-year horizon.
    everyday = [date(2026, 1, 1) + timedelta(days=k) for k in range(366 * 20)]
    c = clock_for(Calendar(parse_schedule("mon-fri 08:00-18:00"), closed_dates=frozenset(everyday)))
    with pytest.raises(ValueError, match="no working time"):
        c.add(at(2026, 1, 1), 1)


def test_index_merges_adjacent_segments():
    """Implementation check: 24x7 days join into one continuous segment across years (and DST)."""
    c = clock_for(Calendar(parse_schedule("mon-sun 00:00-24:00"), tz="America/Sao_Paulo"))
    # Real elapsed seconds (2017-01-01 was in DST, -02:00): a same-zone subtraction would be 1 h short.
    assert (
        c.between(at(2017, 1, 1), at(2020, 1, 1)) == at(2020, 1, 1).timestamp() - at(2017, 1, 1).timestamp()
    )
    assert c.between(at(2017, 1, 1), at(2020, 1, 1)) == 3 * 365 * 24 * H + H
    starts = c._index[2]
    assert len(starts) == 1
    split = clock_for(Calendar(parse_schedule("mon-fri 00:00-12:00,12:00-24:00")))
    assert split.between(at(*MON), at(2026, 3, 14)) == 5 * 24 * H
    assert_instant(split.add(at(*MON), 5 * 24 * H), at(2026, 3, 14))
    assert all(b - a == 5 * 86400 for a, b in zip(split._index[2], split._index[3], strict=True)
               if a > at(2026, 1, 1).timestamp())  # fmt: skip
