"""`manage.py sla`: hand-computed deadlines through the CLI (SLA-2, 2a, 2b, 4, 6; CAL-2, 2a, 3).

Every expected instant below was computed by hand from the calendar's hours and the public
holidays of the year; the comment on each case shows the arithmetic.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def deadline(*args: str) -> list[str]:
    out = StringIO()
    call_command("sla", "deadline", *args, stdout=out)
    return out.getvalue().strip().splitlines()


CASES = [
    # SLA-2: Fri 17-19 = 2 h, Mon 07:00 + 8 h
    ("suporte-tecnico", "2026-03-13T17:00", ["--hours", "10"], "2026-03-16T15:00:00-03:00"),
    # SLA-2a: earliest instant, the end of Friday's shift, not Monday 07:00
    ("suporte-tecnico", "2026-03-13T09:00", ["--hours", "10"], "2026-03-13T19:00:00-03:00"),
    # SLA-2b: Tue 10:00 + 4 business days = Mon 10:00
    ("suporte-tecnico", "2026-03-10T10:00", ["--days", "4"], "2026-03-16T10:00:00-03:00"),
    ("prime", "2026-03-13T17:00", ["--hours", "10"], "2026-03-16T15:00:00-03:00"),
    # Nov 20 is a national holiday from 2024: Thu 17-18 = 1 h, Fri 20 closed, Mon 08:00 + 1 h
    ("cst", "2026-11-19T17:00", ["--hours", "2"], "2026-11-23T09:00:00-03:00"),
    # ... but not in 2023: Fri 17-18, Mon Nov 20 08:00 + 1 h
    ("cst", "2023-11-17T17:00", ["--hours", "2"], "2023-11-20T09:00:00-03:00"),
    # ... where São Paulo city had it as a municipal holiday (--local)
    ("cst", "2023-11-17T17:00", ["--hours", "2", "--local", "SP/São Paulo"], "2023-11-21T09:00:00-03:00"),
    # Good Friday 2026-04-03: Thu 18-19 = 1 h, Mon 07:00 + 1 h
    ("suporte-tecnico", "2026-04-02T18:00", ["--hours", "2"], "2026-04-06T08:00:00-03:00"),
    # Tiradentes (Tue 2026-04-21): Mon 17:30-18:00, Wed 08:00 + 30 min
    ("cst", "2026-04-20T17:30", ["--hours", "1"], "2026-04-22T08:30:00-03:00"),
    # Carnival is optional (CAL-2a), a working day: Fri 17-18, Mon Feb 16 08:00 + 1 h
    ("cst", "2026-02-13T17:00", ["--hours", "2"], "2026-02-16T09:00:00-03:00"),
    # Year end: Dec 31 is optional (working) 17-18, Jan 1 closed, weekend, Mon Jan 4 08:00 + 1 h
    ("cst", "2026-12-31T17:00", ["--hours", "2"], "2027-01-04T09:00:00-03:00"),
    # Start in the lunch break counts from 13:30
    ("cst", "2026-11-23T12:30", ["--hours", "1"], "2026-11-23T14:30:00-03:00"),
    # End of the morning shift exactly: 08:00 + 4 h = 12:00, not 13:30 (SLA-2a)
    ("cst", "2026-11-23T08:00", ["--hours", "4"], "2026-11-23T12:00:00-03:00"),
    # Start at night counts from the next morning
    ("cst", "2026-11-23T22:00", ["--hours", "1"], "2026-11-24T09:00:00-03:00"),
    # Day target across a holiday: Wed 10:00 + 2 days = Thu, (Fri 20 closed), Mon 10:00
    ("cst", "2026-11-18T10:00", ["--days", "2"], "2026-11-23T10:00:00-03:00"),
    # Saturday shift (Vitrine): Sat 14-15 = 1 h, Mon 08:00 + 1 h
    ("vitrine", "2026-11-21T14:00", ["--hours", "2"], "2026-11-23T09:00:00-03:00"),
    ("e-learning", "2026-11-23T08:00", ["--hours", "1"], "2026-11-23T09:30:00-03:00"),
    ("bpo", "2026-11-23T17:00", ["--hours", "2"], "2026-11-24T09:00:00-03:00"),
    ("first", "2026-11-23T07:00", ["--hours", "1"], "2026-11-23T08:30:00-03:00"),
    ("consultorio", "2026-11-23T18:00", ["--hours", "2"], "2026-11-24T08:00:00-03:00"),
    ("consultoria", "2026-11-23T17:30", ["--hours", "1"], "2026-11-24T08:30:00-03:00"),
    ("ouvidoria", "2026-11-23T17:00", ["--hours", "1"], "2026-11-24T08:30:00-03:00"),
    # 24x7 calendars ignore holidays
    ("cloud", "2026-11-20T10:00", ["--hours", "24"], "2026-11-21T10:00:00-03:00"),
    ("prime-24x7", "2026-12-24T20:00", ["--hours", "10"], "2026-12-25T06:00:00-03:00"),
    # Brazil's DST (SLA-6): 2018-11-04 00:00 -03 jumped to 01:00 -02: 24 real hours
    ("cloud", "2018-11-03T12:00", ["--hours", "24"], "2018-11-04T13:00:00-02:00"),
    # DST end 2019-02-17 00:00 -02 -> 2019-02-16 23:00 -03: 12:00-02 + 24 h = 11:00-03
    ("cloud", "2019-02-16T12:00-02:00", ["--hours", "24"], "2019-02-17T11:00:00-03:00"),
    # DST end 2018-02-18: 20:00 -02 (22:00 UTC) + 6 h = 04:00 UTC = 01:00 -03
    ("cloud", "2018-02-17T20:00-02:00", ["--hours", "6"], "2018-02-18T01:00:00-03:00"),
    # Finados (Fri 2018-11-02) then the DST weekend: counting starts Mon 07:00 -02
    ("suporte-tecnico", "2018-11-02T17:00", ["--hours", "10"], "2018-11-05T17:00:00-02:00"),
    ("suporte-tecnico", "2018-11-09T10:00", ["--days", "1"], "2018-11-12T10:00:00-02:00"),
    # Closed pause (SLA-4): 09:00 + 10 h would be 19:00; 2 h paused -> next day 09:00
    (
        "suporte-tecnico",
        "2026-11-23T09:00",
        ["--hours", "10", "--pause", "2026-11-23T10:00/2026-11-23T12:00"],
        "2026-11-24T09:00:00-03:00",
    ),
    # A pause over the night: 17:00-17:30 counts (30 min), 17:30-18:00 and 08:00-08:30 are
    # paused, the night is not working time; 08:30 + 1 h 30 = 10:00
    (
        "cst",
        "2026-11-23T17:00",
        ["--hours", "2", "--pause", "2026-11-23T17:30/2026-11-24T08:30"],
        "2026-11-24T10:00:00-03:00",
    ),
    # An open pause that starts after the deadline does not stop it
    (
        "cst",
        "2026-11-23T09:00",
        ["--hours", "1", "--pause-open", "2026-11-23T11:00"],
        "2026-11-23T10:00:00-03:00",
    ),
    # Fractional hours
    ("cst", "2026-11-23T08:00", ["--hours", "1.5"], "2026-11-23T09:30:00-03:00"),
]


@pytest.mark.parametrize(("calendar", "start", "target", "expected"), CASES)
def test_hand_computed_deadlines(calendar, start, target, expected):
    lines = deadline("--calendar", calendar, "--start", start, *target)
    assert lines[-1] == expected


def test_sla4_open_pause_before_the_deadline_prints_paused():
    lines = deadline(
        "--calendar", "cst", "--start", "2026-11-23T09:00", "--hours", "4", "--pause-open", "2026-11-23T10:00"
    )
    assert lines[-1] == "paused"


def test_cli_names_the_holidays_it_skipped():
    lines = deadline("--calendar", "cst", "--start", "2026-11-19T17:00", "--hours", "2")
    assert "Feriado no caminho: 20/11/2026 Dia Nacional de Zumbi e da Consciência Negra" in lines


def test_cli_accepts_utc_and_offsets():
    assert (
        deadline("--calendar", "cst", "--start", "2026-11-23T11:00Z", "--hours", "1")[-1]
        == "2026-11-23T09:00:00-03:00"
    )


def test_holidays_listing_with_local_holidays():
    out = StringIO()
    call_command(
        "sla", "holidays", "--calendar", "cst", "--year", "2026", "--local", "SP/São Paulo", stdout=out
    )
    text = out.getvalue()
    assert "2026-01-25" in text and "Aniversário da Cidade de São Paulo" in text
    assert "2026-07-09" in text and "Revolução Constitucionalista" in text
    assert "2026-02-16" not in text  # Carnival is optional
    out = StringIO()
    call_command("sla", "holidays", "--calendar", "cloud", "--year", "2026", stdout=out)
    assert "0 feriado(s)" in out.getvalue()


def test_holidays_of_a_year_outside_the_seed_are_imported_on_first_use():
    out = StringIO()
    call_command("sla", "holidays", "--calendar", "cst", "--year", "2045", stdout=out)
    assert "2045-11-20" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--calendar", "nope", "--start", "2026-11-23T09:00", "--hours", "1"], "Calendário desconhecido"),
        (["--calendar", "cst", "--start", "amanhã", "--hours", "1"], "data/hora inválida"),
        (["--calendar", "cst", "--start", "2026-11-23T09:00", "--hours", "-1"], "maior ou igual a zero"),
        (["--calendar", "cst", "--start", "2026-11-23T09:00", "--hours", "dez"], "número inválido"),
        (["--calendar", "cst", "--start", "2026-11-23T09:00", "--days", "1.5"], "inteiro inválido"),
        (
            ["--calendar", "cst", "--start", "2026-11-23T09:00", "--hours", "1", "--local", "XX"],
            "UF desconhecida",
        ),
        (
            [
                "--calendar",
                "cst",
                "--start",
                "2026-11-23T09:00",
                "--hours",
                "1",
                "--pause",
                "2026-11-23T10:00",
            ],
            "INICIO/FIM",
        ),
        (
            [
                "--calendar",
                "cst",
                "--start",
                "2026-11-23T09:00",
                "--hours",
                "1",
                "--pause",
                "2026-11-23T10:00/2026-11-23T09:00",
            ],
            "fim deve ser depois",
        ),
    ],
)
def test_bad_input_gets_a_clear_portuguese_error(args, message):
    with pytest.raises(CommandError, match=message):
        deadline(*args)
