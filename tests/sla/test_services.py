"""The SLA service the tickets use (SEV-1/2, SLA-1..8, CAL-2/2a/3), on the seeded calendars."""

from datetime import date, time, timedelta

import pytest

from sla import services
from sla.models import (
    Calendar,
    CalendarInterval,
    CalendarSnapshot,
    Holiday,
    PrimeContract,
    PrimeTarget,
    SeverityTarget,
)
from tests.factories import CompanyFactory
from tests.helpers import at
from tickets import deadlines

pytestmark = pytest.mark.django_db


def test_cal3_calendars_exist_with_exactly_these_slugs():
    assert sorted(Calendar.objects.values_list("slug", flat=True)) == sorted(
        [
            "suporte-tecnico",
            "prime",
            "prime-24x7",
            "cst",
            "e-learning",
            "cloud",
            "bpo",
            "first",
            "vitrine",
            "consultorio",
            "consultoria",
            "ouvidoria",
        ]
    )
    for slug in ("cloud", "prime-24x7"):
        calendar = Calendar.objects.get(slug=slug)
        assert calendar.holiday_policy == Calendar.HolidayPolicy.NONE
        assert sorted((i.weekday, i.seconds) for i in calendar.intervals.all()) == [
            (d, (0, 86400)) for d in range(7)
        ]
    cst = Calendar.objects.get(slug="cst")
    assert sorted({i.seconds for i in cst.intervals.all()}) == [
        (8 * 3600, 12 * 3600),
        (13 * 3600 + 1800, 18 * 3600),
    ]


def test_sev1_default_targets():
    assert {(t.severity, t.response_hours, t.maintenance_days) for t in SeverityTarget.objects.all()} == {
        ("critical", 10, 4),
        ("high", 20, 10),
        ("medium", 30, 30),
        ("low", 40, 45),
    }


def test_cal2_holidays_seeded_for_every_state_and_sao_paulo_capital():
    year = Holiday.objects.filter(date__year=2026)
    assert year.filter(scope="national").count() == 10
    assert year.filter(scope="state").values("state").distinct().count() >= 20
    assert year.filter(scope="state", state="SP", name="Revolução Constitucionalista").exists()
    assert year.filter(
        scope="municipal", state="SP", municipality="São Paulo", date=date(2026, 1, 25)
    ).exists()
    assert not year.filter(date=date(2026, 2, 16)).exists()  # Carnival: optional (CAL-2a)
    assert not Holiday.objects.filter(scope="national", date=date(2023, 11, 20)).exists()
    assert Holiday.objects.filter(scope="national", date=date(2024, 11, 20)).exists()


def test_holidays_import_is_idempotent():
    assert services.holidays_import_year(year=2050) > 0
    assert services.holidays_import_year(year=2050) == 0


def test_calendar_by_kind_and_prime_contract():
    company = CompanyFactory()
    today = date(2026, 11, 23)
    assert services.calendar_for(company=company, kind="technical", on=today).slug == "suporte-tecnico"
    assert services.calendar_for(company=company, kind="financial", on=today).slug == "cst"
    assert services.calendar_for(company=company, kind="administrative", on=today).slug == "cst"
    PrimeContract.objects.create(
        company=company, calendar=Calendar.objects.get(slug="prime-24x7"), starts_on=date(2026, 1, 1)
    )
    assert services.calendar_for(company=company, kind="technical", on=today).slug == "prime-24x7"
    assert services.calendar_for(company=company, kind="financial", on=today).slug == "cst"
    assert (
        services.calendar_for(company=company, kind="technical", on=date(2025, 12, 31)).slug
        == "suporte-tecnico"
    )


def test_sla8_prime_targets_override_per_severity():
    company = CompanyFactory()
    contract = PrimeContract.objects.create(
        company=company, calendar=Calendar.objects.get(slug="prime"), starts_on=date(2026, 1, 1)
    )
    PrimeTarget.objects.create(contract=contract, severity="critical", response_hours=4, maintenance_days=2)
    assert services.targets_for(
        company=company, severity="critical", on=date(2026, 5, 1)
    ) == services.Targets(4, 2, "prime")
    assert services.targets_for(company=company, severity="high", on=date(2026, 5, 1)) == services.Targets(
        20, 10, "standard"
    )


def _compute(company, history, *, severity="critical", kind="technical", now=None, snapshot=None):
    return deadlines.ticket_sla_compute(
        company=company,
        severity=severity,
        kind=kind,
        opened_at=history[0][0],
        history=history,
        now=now or history[-1][0] + timedelta(minutes=1),
        snapshot=snapshot,
    )


def test_sev2_response_and_maintenance_deadlines_of_a_critical_ticket():
    company = CompanyFactory()
    sla = _compute(company, [(at(2026, 3, 10, 10), "new")])
    # 10 business hours: Tue 10-19 (9 h) + Wed 07:00 + 1 h; 4 business days: Mon 10:00 (SLA-2b)
    assert sla.response.due_at == at(2026, 3, 11, 8)
    assert sla.maintenance.due_at == at(2026, 3, 16, 10)
    assert sla.calendar_slug == "suporte-tecnico"
    assert sla.response.target_text == "10 horas úteis" and sla.maintenance.target_text == "4 dias úteis"
    assert sla.active == "response"
    assert sla.response.consumed_seconds == 60 and sla.response.left_seconds == 36000 - 60


def test_sla4_time_waiting_on_the_client_moves_the_deadline():
    company = CompanyFactory()
    history = [
        (at(2026, 3, 10, 10), "new"),
        (at(2026, 3, 10, 12), "pending_client"),
        (at(2026, 3, 10, 15), "in_analysis"),
    ]
    sla = _compute(company, history)
    assert sla.response.due_at == at(2026, 3, 11, 11)  # 3 h later
    assert sla.response.consumed_seconds == 2 * 3600 + 60


def test_sla4_an_open_pause_stops_the_clock():
    company = CompanyFactory()
    history = [(at(2026, 3, 10, 10), "new"), (at(2026, 3, 10, 12), "awaiting_validation")]
    sla = _compute(company, history, now=at(2026, 3, 20, 12))
    assert sla.response.paused and sla.response.due_at is None
    assert not sla.response.breached
    assert sla.response.consumed_seconds == 2 * 3600


def test_sla3_reclassification_recomputes_from_the_opening_instant():
    company = CompanyFactory()
    history = [(at(2026, 3, 10, 10), "new"), (at(2026, 3, 11, 9), "in_analysis")]
    critical = _compute(company, history)
    high = _compute(company, history, severity="high", snapshot=critical.snapshot)
    # 20 business hours from Tue 10:00: Tue 9 h + Wed 07:00 + 11 h = Wed 18:00
    assert high.response.due_at == at(2026, 3, 11, 18)


def test_sev2_maintenance_target_governs_while_in_maintenance():
    company = CompanyFactory()
    history = [(at(2026, 3, 10, 10), "new"), (at(2026, 3, 10, 11), "in_maintenance")]
    sla = _compute(company, history, now=at(2026, 3, 12, 10))
    assert sla.active == "maintenance"
    assert sla.current is sla.maintenance
    assert sla.response.breached and not sla.maintenance.breached


def test_sla5_breached_and_at_risk():
    company = CompanyFactory()
    opened = [(at(2026, 3, 10, 10), "new")]
    at_risk = _compute(company, opened, now=at(2026, 3, 10, 18, 30))  # 8.5 h of 10 used: 15 % left
    assert at_risk.response.at_risk and not at_risk.response.breached
    breached = _compute(company, opened, now=at(2026, 3, 11, 9))
    assert breached.response.breached and not breached.response.at_risk
    assert breached.response.left_seconds == -3600


def test_closed_ticket_stops_the_clock():
    company = CompanyFactory()
    history = [(at(2026, 3, 10, 10), "new"), (at(2026, 3, 10, 12), "closed")]
    sla = _compute(company, history, now=at(2026, 4, 1, 12))
    assert sla.response.consumed_seconds == 2 * 3600 and not sla.response.breached
    # SLA-5: no "at risk from" instant once the clock has stopped for good; the deadline stays.
    assert sla.response.risk_at is None and sla.maintenance.risk_at is None
    assert sla.response.due_at is not None
    # Seen before the closing, the clock still runs towards its risk instant (8 of 10 hours).
    before = _compute(company, history, now=at(2026, 3, 10, 11))
    assert before.response.risk_at == at(2026, 3, 10, 18)


def test_cal2a_a_promised_deadline_never_moves_when_holidays_change():
    company = CompanyFactory()
    history = [(at(2026, 3, 10, 10), "new")]
    promised = _compute(company, history)
    Holiday.objects.create(date=date(2026, 3, 11), name="Feriado novo", scope="national", source="admin")
    again = _compute(company, history, snapshot=promised.snapshot)
    assert again.response.due_at == promised.response.due_at == at(2026, 3, 11, 8)
    fresh = _compute(company, history)
    assert fresh.response.due_at == at(2026, 3, 12, 8)
    assert fresh.snapshot.pk != promised.snapshot.pk


def test_identical_calendars_share_one_snapshot():
    company = CompanyFactory()
    first = _compute(company, [(at(2026, 3, 10, 10), "new")])
    second = _compute(company, [(at(2026, 5, 4, 9), "new")])
    assert first.snapshot.pk == second.snapshot.pk
    assert CalendarSnapshot.objects.count() == 1


def test_prime_24x7_contract_ignores_holidays_and_weekends():
    company = CompanyFactory()
    contract = PrimeContract.objects.create(
        company=company, calendar=Calendar.objects.get(slug="prime-24x7"), starts_on=date(2026, 1, 1)
    )
    PrimeTarget.objects.create(contract=contract, severity="critical", response_hours=4, maintenance_days=1)
    sla = _compute(company, [(at(2026, 12, 24, 22), "new")])
    assert sla.calendar_slug == "prime-24x7" and sla.targets_source == "prime"
    assert sla.response.due_at == at(2026, 12, 25, 2)
    assert sla.maintenance.due_at == at(2026, 12, 25, 22)


def test_cal2_local_policy_adds_the_clients_state_and_city_holidays():
    calendar = Calendar.objects.create(slug="local-test", name="Local", holiday_policy="local")
    for day in range(5):
        CalendarInterval.objects.create(calendar=calendar, weekday=day, start=time(8), end=time(18))
    sao_paulo = CompanyFactory(state="SP", municipality="Sao Paulo")  # matched without accents
    minas = CompanyFactory(state="MG", municipality="Belo Horizonte")
    start = at(2026, 7, 8, 17)  # Wed; Thu Jul 9 is a São Paulo state holiday
    for company, expected in ((sao_paulo, at(2026, 7, 10, 9)), (minas, at(2026, 7, 9, 9))):
        snapshot = services.calendar_snapshot(
            calendar=calendar, around=start, place=services.Place.of_company(company)
        )
        assert services.snapshot_clock(snapshot).add(start, 7200) == expected


def test_company_dates_apply_under_the_local_policy():
    calendar = Calendar.objects.create(slug="local-company", name="Local", holiday_policy="local")
    for day in range(5):
        CalendarInterval.objects.create(calendar=calendar, weekday=day, start=time(8), end=time(18))
    company = CompanyFactory(state="MG", municipality="Belo Horizonte")
    Holiday.objects.create(date=date(2026, 7, 9), name="Férias coletivas", scope="company", company=company)
    snapshot = services.calendar_snapshot(
        calendar=calendar, around=at(2026, 7, 8, 17), place=services.Place.of_company(company)
    )
    assert services.snapshot_clock(snapshot).add(at(2026, 7, 8, 17), 7200) == at(2026, 7, 10, 9)


def test_pauses_from_history():
    history = [
        (at(2026, 3, 10, 10), "new"),
        (at(2026, 3, 10, 11), "pending_client"),
        (at(2026, 3, 10, 12), "in_analysis"),
        (at(2026, 3, 10, 13), "awaiting_validation"),
        (at(2026, 3, 10, 14), "pending_client"),
    ]
    assert deadlines.pauses_from_history(history) == [
        (at(2026, 3, 10, 11), at(2026, 3, 10, 12)),
        (at(2026, 3, 10, 13), None),
    ]


def test_beat_job_imports_upcoming_years_once():
    import time_machine

    from sla.tasks import holidays_import_upcoming

    with time_machine.travel(at(2040, 1, 5, 12)):
        assert holidays_import_upcoming() == 2042
        assert Holiday.objects.filter(date__year=2042, scope="national").count() >= 10
        before = Holiday.objects.count()
        holidays_import_upcoming()
        assert Holiday.objects.count() == before
