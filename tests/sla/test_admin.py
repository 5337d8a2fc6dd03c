"""Back-office of calendars, holidays and targets (CAL, SEV, SLA-8): analysts look and simulate,
leaders edit and import holidays; the simulation stores nothing."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import timezone

from sla import services
from sla.models import (
    Calendar,
    CalendarException,
    CalendarInterval,
    CalendarSnapshot,
    Holiday,
    PrimeContract,
    PrimeTarget,
)
from tests.helpers import at, flash

pytestmark = pytest.mark.django_db

SIMULATE = "admin:sla_calendar_simulate"
IMPORT = "admin:sla_holiday_import"


def _simulate(client, **fields):
    cst = Calendar.objects.get(slug="cst")
    data = {"calendar": cst.pk, "start": "2026-11-19T17:00", "target_value": "2", "target_unit": "hours"}
    data.update(fields)
    return client.post(reverse(SIMULATE), data)


# --- Lists ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", ["calendar", "holiday", "severitytarget", "primecontract", "calendarsnapshot"]
)
def test_analyst_opens_every_sla_list_with_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, model
):
    cst = Calendar.objects.get(slug="cst")
    services.calendar_snapshot(calendar=cst, around=timezone.now())
    contract = PrimeContract.objects.create(
        company=world.company, calendar=Calendar.objects.get(slug="prime"), starts_on=date(2026, 1, 1)
    )
    PrimeTarget.objects.create(contract=contract, severity="critical", response_hours=4, maintenance_days=2)
    client = client_for(world.analyst)

    with django_assert_max_num_queries(12):
        response = client.get(reverse(f"admin:sla_{model}_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_cal3_calendar_list_summarises_the_weekly_schedule(world, client_for):
    response = client_for(world.analyst).get(reverse("admin:sla_calendar_changelist"), {"q": "cst"})

    page = response.content.decode()
    assert [c.slug for c in response.context["cl"].result_list] == ["cst"]
    assert "seg–sex 08:00–12:00, 13:30–18:00" in page
    assert reverse(SIMULATE) in page  # the "Simular prazo" link


def test_holiday_list_filters_by_scope_and_year(world, client_for):
    client = client_for(world.analyst)

    response = client.get(
        reverse("admin:sla_holiday_changelist"), {"scope__exact": "municipal", "date__year": "2027"}
    )

    names = [(h.date, h.name) for h in response.context["cl"].result_list]
    assert names == [
        (date(2027, 1, 25), "Aniversário da Cidade de São Paulo"),
        (date(2027, 5, 27), "Corpus Christi"),
    ]
    assert reverse(IMPORT) not in response.content.decode()  # analysts do not import


def test_severity_targets_are_listed_most_severe_first(world, client_for):
    response = client_for(world.analyst).get(reverse("admin:sla_severitytarget_changelist"))

    assert [t.severity for t in response.context["cl"].result_list] == ["critical", "high", "medium", "low"]


# --- Importing holidays (CAL-2) --------------------------------------------------------------------------


def test_cal2_leader_imports_a_year_once_and_a_second_import_creates_nothing(world, client_for):
    client = client_for(world.leader)
    assert not Holiday.objects.filter(date__year=2040).exists()

    response = client.post(reverse(IMPORT), {"year": "2040"}, follow=True)

    created = Holiday.objects.filter(date__year=2040, source=Holiday.Source.PACKAGE).count()
    assert created > 13  # national, state and São Paulo capital rows
    assert Holiday.objects.filter(date=date(2040, 11, 20), scope=Holiday.Scope.NATIONAL).exists()
    assert response.redirect_chain[-1][0].endswith("?date__year=2040")
    assert flash(response) == [f"{created} feriados importados de 2040."]

    response = client.post(reverse(IMPORT), {"year": "2040"}, follow=True)

    assert Holiday.objects.filter(date__year=2040).count() == created
    assert flash(response) == ["Nenhum feriado novo em 2040: o ano já estava importado."]


def test_cal2_the_import_page_offers_next_year_and_is_linked_from_the_list(world, client_for):
    client = client_for(world.leader)

    form = client.get(reverse(IMPORT)).context["form"]
    listing = client.get(reverse("admin:sla_holiday_changelist")).content.decode()

    assert form["year"].value() == timezone.localdate().year + 1
    assert reverse(IMPORT) in listing
    assert "Importar ano do pacote holidays" in listing


def test_cal2_analysts_may_not_import_holidays(world, client_for):
    client = client_for(world.analyst)

    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.post(reverse(IMPORT), {"year": "2041"}).status_code == 403
    assert not Holiday.objects.filter(date__year=2041).exists()


def test_cal2_a_year_out_of_range_is_refused_next_to_the_field(world, client_for):
    response = client_for(world.leader).post(reverse(IMPORT), {"year": "1800"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"year": ["Ano fora do intervalo aceito (1900–2200)."]}
    assert not Holiday.objects.filter(date__year=1800).exists()


def test_cal2_reimport_action_restores_the_package_rows_of_the_selected_years(world, client_for):
    deleted, _rows = Holiday.objects.filter(date__year=2027, scope=Holiday.Scope.NATIONAL).delete()
    survivor = Holiday.objects.filter(date__year=2027).first()

    response = client_for(world.leader).post(
        reverse("admin:sla_holiday_changelist"),
        {"action": "reimport_years", "_selected_action": [survivor.pk]},
        follow=True,
    )

    assert Holiday.objects.filter(date__year=2027, scope=Holiday.Scope.NATIONAL).count() == deleted
    assert flash(response) == [f"{deleted} feriados importados de 2027."]


def test_cal2_analysts_do_not_get_the_reimport_action(world, client_for):
    Holiday.objects.filter(date__year=2027, scope=Holiday.Scope.NATIONAL).delete()
    survivor = Holiday.objects.filter(date__year=2027).first()
    client = client_for(world.analyst)

    client.post(
        reverse("admin:sla_holiday_changelist"),
        {"action": "reimport_years", "_selected_action": [survivor.pk]},
    )

    assert not Holiday.objects.filter(date__year=2027, scope=Holiday.Scope.NATIONAL).exists()


def test_cal2_leader_registers_a_municipal_holiday_the_package_lacks(world, client_for):
    response = client_for(world.leader).post(
        reverse("admin:sla_holiday_add"),
        {
            "date": "08/12/2026",
            "name": "Nossa Senhora da Conceição",
            "scope": "municipal",
            "state": "MG",
            "municipality": "Belo Horizonte",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    holiday = Holiday.objects.get(name="Nossa Senhora da Conceição")
    assert (holiday.date, holiday.source) == (date(2026, 12, 8), Holiday.Source.ADMIN)


# --- Calendars ---------------------------------------------------------------------------------------------


def _calendar_post(calendar: Calendar, intervals: list[tuple[int, str, str]]) -> dict:
    data = {
        "name": calendar.name,
        "description": calendar.description,
        "holiday_policy": calendar.holiday_policy,
        "time_zone": calendar.time_zone,
        "intervals-TOTAL_FORMS": str(len(intervals)),
        "intervals-INITIAL_FORMS": "0",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
    }
    existing = list(calendar.intervals.all())
    data["intervals-INITIAL_FORMS"] = str(len(existing))
    data["intervals-TOTAL_FORMS"] = str(len(existing) + len(intervals))
    for index, interval in enumerate(existing):
        data[f"intervals-{index}-id"] = interval.pk
        data[f"intervals-{index}-calendar"] = calendar.pk
        data[f"intervals-{index}-weekday"] = interval.weekday
        data[f"intervals-{index}-start"] = interval.start.strftime("%H:%M")
        data[f"intervals-{index}-end"] = interval.end.strftime("%H:%M")
    for offset, (weekday, start, end) in enumerate(intervals):
        index = len(existing) + offset
        data[f"intervals-{index}-calendar"] = calendar.pk
        data[f"intervals-{index}-weekday"] = weekday
        data[f"intervals-{index}-start"] = start
        data[f"intervals-{index}-end"] = end
    return data


def test_cal1_leader_adds_a_saturday_shift_to_a_calendar(world, client_for):
    cst = Calendar.objects.get(slug="cst")

    response = client_for(world.leader).post(
        reverse("admin:sla_calendar_change", args=[cst.pk]), _calendar_post(cst, [(5, "09:00", "13:00")])
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert CalendarInterval.objects.filter(calendar=cst, weekday=5, start=time(9), end=time(13)).exists()


def test_cal1_overlapping_intervals_on_a_weekday_are_refused(world, client_for):
    cst = Calendar.objects.get(slug="cst")
    before = cst.intervals.count()

    response = client_for(world.leader).post(
        reverse("admin:sla_calendar_change", args=[cst.pk]), _calendar_post(cst, [(0, "11:00", "14:00")])
    )

    assert response.status_code == 200
    assert "Os intervalos de segunda-feira se sobrepõem" in response.content.decode()
    assert cst.intervals.count() == before


def test_cal1_analysts_see_calendars_read_only(world, client_for):
    cst = Calendar.objects.get(slug="cst")
    client = client_for(world.analyst)

    response = client.post(
        reverse("admin:sla_calendar_change", args=[cst.pk]), _calendar_post(cst, [(5, "09:00", "13:00")])
    )

    assert response.status_code == 403
    assert not cst.intervals.filter(weekday=5).exists()


def test_cal2a_snapshots_are_read_only_even_for_leaders(world, client_for):
    snapshot = services.calendar_snapshot(calendar=Calendar.objects.get(slug="cst"), around=timezone.now())
    client = client_for(world.leader)

    page = client.get(reverse("admin:sla_calendarsnapshot_change", args=[snapshot.pk]))
    refused = client.post(reverse("admin:sla_calendarsnapshot_change", args=[snapshot.pk]), {})

    assert page.status_code == 200
    assert "seg–sex 08:00–12:00, 13:30–18:00" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert refused.status_code == 403
    assert client.get(reverse("admin:sla_calendarsnapshot_add")).status_code == 403
    assert CalendarSnapshot.objects.get(pk=snapshot.pk).data == snapshot.data


# --- Deadline simulation (SLA-2..4) -------------------------------------------------------------------


def test_sla2_simulation_skips_a_holiday_and_names_it(world, client_for):
    snapshots = CalendarSnapshot.objects.count()

    response = _simulate(client_for(world.analyst))

    assert response.status_code == 200
    result = response.context["result"]
    assert result.due_at == at(2026, 11, 23, 9, 0)
    assert result.target_seconds == 7200
    assert result.skipped == [
        (date(2026, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra", "national")
    ]
    page = response.content.decode()
    assert "23/11/2026 09:00" in page
    assert "2026-11-23T09:00:00-03:00" in page
    assert "Dia Nacional de Zumbi e da Consciência Negra" in page
    assert "7200 segundos úteis" in page
    assert CalendarSnapshot.objects.count() == snapshots  # nothing stored


def test_sla2_simulation_page_starts_empty_and_any_staff_member_opens_it(world, client_for):
    for user in (world.analyst, world.leader):
        response = client_for(user).get(reverse(SIMULATE))
        assert response.status_code == 200
        assert response.context["result"] is None
        assert not response.context["form"].is_bound


def test_sla2_simulation_preselects_the_calendar_linked_from_its_page(world, client_for):
    cst = Calendar.objects.get(slug="cst")
    client = client_for(world.analyst)

    change_page = client.get(reverse("admin:sla_calendar_change", args=[cst.pk])).content.decode()
    response = client.get(reverse(SIMULATE), {"calendar": cst.pk})

    assert f"{reverse(SIMULATE)}?calendar={cst.pk}" in change_page
    assert response.context["form"]["calendar"].value() == cst.pk


def test_sla2_counting_starts_at_the_next_working_instant(world, client_for):
    response = _simulate(client_for(world.analyst), start="2026-11-21T10:00", target_value="1,5")

    result = response.context["result"]
    assert result.counting_from == at(2026, 11, 23, 8, 0)
    assert result.due_at == at(2026, 11, 23, 9, 30)
    assert result.target_seconds == 5400
    assert result.skipped == []


def test_sla2b_a_target_in_business_days(world, client_for):
    response = _simulate(
        client_for(world.analyst), start="2026-03-10T10:00", target_value="4", target_unit="days"
    )

    assert response.context["result"].due_at == at(2026, 3, 16, 10, 0)


def test_sla4_closed_pauses_move_the_deadline_and_an_open_pause_stops_the_clock(world, client_for):
    client = client_for(world.analyst)

    moved = _simulate(client, pause_1_start="2026-11-23T08:00", pause_1_end="2026-11-23T08:30")
    stopped = _simulate(client, open_pause_start="2026-11-23T08:15")

    assert moved.context["result"].due_at == at(2026, 11, 23, 9, 30)
    assert stopped.context["result"].due_at is None
    assert "a pausa em aberto parou o relógio" in stopped.content.decode()


def test_cal2_simulation_with_the_local_holidays_of_a_municipality(world, client_for):
    client = client_for(world.analyst)

    national = _simulate(client, start="2027-01-22T17:00")
    local = _simulate(client, start="2027-01-22T17:00", local_state="SP", local_municipality="sao paulo")

    assert national.context["result"].due_at == at(2027, 1, 25, 9, 0)
    assert local.context["result"].due_at == at(2027, 1, 26, 9, 0)
    assert "Aniversário da Cidade de São Paulo" in local.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": "31/02/2026 10:00"}, "start", "Informe uma data e hora válidas, como 19/11/2026 17:00."),
        ({"start": "amanhã"}, "start", "Informe uma data e hora válidas, como 19/11/2026 17:00."),
        ({"start": "1890-01-01T10:00"}, "start", "Informe uma data entre 2000 e 2100."),
        (
            {"target_value": "1,5", "target_unit": "days"},
            "target_value",
            "Em dias úteis, informe um número inteiro.",
        ),
        ({"target_value": "-1"}, "target_value", "Certifique-se que este valor seja maior ou igual a 0."),
        ({"local_municipality": "Campinas"}, "local_state", "Informe a UF do município."),
        (
            {"pause_1_start": "2026-11-20T10:00"},
            "pause_1_end",
            "Informe o fim da pausa (ou use a pausa em aberto).",
        ),
        (
            {"pause_2_start": "2026-11-20T10:00", "pause_2_end": "2026-11-20T09:00"},
            "pause_2_end",
            "O fim da pausa deve ser depois do início.",
        ),
    ],
)
def test_sla2_bad_input_is_shown_next_to_the_field_in_portuguese(world, client_for, fields, field, message):
    response = _simulate(client_for(world.analyst), **fields)

    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()


def test_sla2_simulation_uses_a_calendar_exception(world, client_for):
    cst = Calendar.objects.get(slug="cst")
    CalendarException.objects.create(
        calendar=cst, date=date(2026, 11, 23), kind=CalendarException.Kind.CLOSED, description="Inventário"
    )

    response = _simulate(client_for(world.analyst))

    result = response.context["result"]
    assert result.due_at == at(2026, 11, 24, 9, 0)
    assert [name for _day, name, _scope in result.skipped] == [
        "Dia Nacional de Zumbi e da Consciência Negra",
        "Inventário",
    ]
