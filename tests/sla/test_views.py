"""CAL-4: the public holiday calendar of the coming months, with the service hours (CAL-3)."""

from datetime import date, time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sla.models import Calendar, CalendarException, CalendarInterval, Holiday
from tests.helpers import at

pytestmark = pytest.mark.django_db

OCTOBER_1ST_2026 = at(2026, 10, 1, 8, 0)
DECEMBER_1ST_2026 = at(2026, 12, 1, 8, 0)


def _holidays(response) -> list[tuple[date, str, bool]]:
    return [
        (holiday.day, holiday.name, holiday.is_local)
        for group in response.context["months"]
        for holiday in group.holidays
    ]


def test_cal4_anonymous_visitor_sees_the_national_holidays_of_the_next_six_months(
    client, django_assert_max_num_queries
):
    with time_machine.travel(OCTOBER_1ST_2026, tick=False), django_assert_max_num_queries(8):
        response = client.get(reverse("holiday-calendar"))

    assert response.status_code == 200
    assert [group.title for group in response.context["months"]] == [
        "Outubro de 2026",
        "Novembro de 2026",
        "Dezembro de 2026",
        "Janeiro de 2027",
        "Fevereiro de 2027",
        "Março de 2027",
    ]
    assert _holidays(response) == [
        (date(2026, 10, 12), "Nossa Senhora Aparecida", False),
        (date(2026, 11, 2), "Finados", False),
        (date(2026, 11, 15), "Proclamação da República", False),
        (date(2026, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra", False),
        (date(2026, 12, 25), "Natal", False),
        (date(2027, 1, 1), "Confraternização Universal", False),
        (date(2027, 3, 26), "Sexta-feira Santa", False),
    ]
    page = response.content.decode()
    for shown in ("12/10/2026", "02/11/2026", "15/11/2026", "20/11/2026", "25/12/2026", "segunda-feira"):
        assert shown in page
    # Local holidays are for logged-in contacts of a company of that place.
    assert "Aniversário da Cidade de São Paulo" not in page
    assert "Entre no portal para ver também os feriados estaduais e municipais" in page


def test_cal4_months_without_holidays_say_so_and_past_days_are_left_out(client):
    with time_machine.travel(at(2026, 10, 13, 8, 0), tick=False):
        response = client.get(reverse("holiday-calendar"))

    holidays = _holidays(response)
    assert holidays[0][0] == date(2026, 11, 2)  # 12/10 has passed
    assert response.context["months"][0].partial
    february = response.context["months"][4]
    assert (february.title, february.holidays) == ("Fevereiro de 2027", [])  # Carnival is optional
    assert "Nenhum feriado neste mês." in response.content.decode()


def test_cal4_the_current_month_without_holidays_left_says_until_the_end_of_the_month(client):
    with time_machine.travel(at(2026, 11, 23, 8, 0), tick=False):
        response = client.get(reverse("holiday-calendar"))

    november = response.context["months"][0]
    assert (november.title, november.holidays, november.partial) == ("Novembro de 2026", [], True)
    assert "Nenhum feriado até o fim do mês." in response.content.decode()


def test_cal3_the_page_lists_every_service_calendar_with_its_hours_and_holiday_policy(client):
    with time_machine.travel(OCTOBER_1ST_2026, tick=False):
        response = client.get(reverse("holiday-calendar"))

    rows = {row["calendar"].slug: row for row in response.context["service_hours"]}
    assert set(rows) == set(Calendar.objects.values_list("slug", flat=True))
    assert rows["cst"]["schedule"] == ["seg–sex 08:00–12:00, 13:30–18:00"]
    assert rows["vitrine"]["schedule"] == ["seg–sex 08:00–19:00", "sáb 09:00–15:00"]
    assert rows["cloud"]["schedule"] == ["todos os dias, 24 horas (24x7)"]
    assert str(rows["cloud"]["policy"]) == "Atende também em feriados."
    assert str(rows["suporte-tecnico"]["policy"]).startswith("Fecha nos feriados nacionais; atende")
    page = response.content.decode()
    assert "<caption" in page
    assert "Ouvidoria" in page


def test_cal4_a_contact_of_a_sao_paulo_company_also_sees_its_local_holidays(world, client_for):
    with time_machine.travel(DECEMBER_1ST_2026, tick=False):
        response = client_for(world.contact.user).get(reverse("holiday-calendar"))

    holidays = _holidays(response)
    assert (date(2027, 1, 25), "Aniversário da Cidade de São Paulo", True) in holidays
    assert (date(2026, 12, 25), "Natal", False) in holidays
    assert holidays[-1] == (date(2027, 5, 27), "Corpus Christi", True)  # municipal in São Paulo
    page = response.content.decode()
    assert "25/01/2027" in page
    assert "São Paulo/SP" in page
    assert 'href="/feriados/"' in page  # the "Feriados" navigation link


def test_cal4_a_contact_of_another_state_does_not_see_sao_paulo_holidays(world, client_for):
    with time_machine.travel(DECEMBER_1ST_2026, tick=False):
        response = client_for(world.other_contact.user).get(reverse("holiday-calendar"))

    holidays = _holidays(response)
    assert "Aniversário da Cidade de São Paulo" not in response.content.decode()
    assert all(not is_local for _day, _name, is_local in holidays)
    assert (date(2026, 12, 25), "Natal", False) in holidays


def test_cal4_a_company_holiday_registered_in_the_back_office_reaches_only_that_company(world, client_for):
    Holiday.objects.create(
        date=date(2026, 12, 8), name="Inventário anual", scope=Holiday.Scope.COMPANY, company=world.company
    )
    with time_machine.travel(DECEMBER_1ST_2026, tick=False):
        mine = client_for(world.contact.user).get(reverse("holiday-calendar"))
        theirs = client_for(world.other_contact.user).get(reverse("holiday-calendar"))

    assert (date(2026, 12, 8), "Inventário anual", True) in _holidays(mine)
    assert "Inventário anual" not in theirs.content.decode()


def test_cal4_query_count_does_not_grow_with_calendars_holidays_or_exceptions(world, client_for):
    client = client_for(world.contact.user)
    url = reverse("holiday-calendar")
    with time_machine.travel(DECEMBER_1ST_2026, tick=False):
        client.get(url)  # warm up the session
        with CaptureQueriesContext(connection) as before:
            client.get(url)
        for number in range(5):
            calendar = Calendar.objects.create(slug=f"extra-{number}", name=f"Extra {number}")
            CalendarInterval.objects.create(calendar=calendar, weekday=0, start=time(8), end=time(12))
            CalendarException.objects.create(
                calendar=calendar, date=date(2027, 2, 15), kind=CalendarException.Kind.CLOSED
            )
            Holiday.objects.create(
                date=date(2027, 3, 1 + number),
                name=f"Dia {number}",
                scope=Holiday.Scope.COMPANY,
                company=world.company,
            )
        with CaptureQueriesContext(connection) as after:
            response = client.get(url)

    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(before.captured_queries) <= 14
    assert "Fechado em 15/02/2027" in response.content.decode()


def test_cal4_exceptions_of_a_calendar_are_shown_with_its_hours(client):
    cst = Calendar.objects.get(slug="cst")
    CalendarException.objects.create(
        calendar=cst, date=date(2027, 2, 15), kind=CalendarException.Kind.CLOSED, description="Carnaval"
    )
    CalendarException.objects.create(
        calendar=cst,
        date=date(2026, 12, 24),
        kind=CalendarException.Kind.WORKING,
        start=time(8),
        end=time(12),
        description="Véspera de Natal",
    )
    with time_machine.travel(DECEMBER_1ST_2026, tick=False):
        response = client.get(reverse("holiday-calendar"))

    rows = {row["calendar"].slug: row for row in response.context["service_hours"]}
    assert rows["cst"]["exceptions"] == [
        "Expediente especial em 24/12/2026, 08:00–12:00 (Véspera de Natal)",
        "Fechado em 15/02/2027 (Carnaval)",
    ]
