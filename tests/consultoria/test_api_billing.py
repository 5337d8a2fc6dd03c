"""Consultancy money through the REST API (API-1, CON-1, CON-4, CON-7, CON-8), to the centavo: each
session's line, the statements of a company and of a partner unit, the rates and the IGPM."""

from datetime import date

import pytest
import time_machine

from consultoria.models import Rate
from tests.factories import PartnerUnitFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db
MONEY = ("amount", "taxes", "total")


def money(data) -> tuple[str, str, str]:
    return tuple(data[key] for key in MONEY)


def line_of(response, index=0) -> dict:
    return response.json()["sessions"][index]["line"]


def work_through_the_api(api_for, world, ticket, *, modality: str, acceptor, minutes: list[int]) -> int:
    """Ask, approve, accept, schedule on Tue 10/11/2026 09:00 and record entries of `minutes`, all
    through the API; returns the consultancy id."""
    asked = api_for(world.analyst).post(
        f"/api/v1/tickets/{ticket.number}/consultancy/",
        {"modality": modality, "situation": "isolated"},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    url = f"/api/v1/consultancies/{asked.json()['id']}/"
    assert api_for(world.leader).post(url + "approve/").status_code == 200
    assert api_for(acceptor).post(url + "accept/").status_code == 200
    scheduled = api_for(world.analyst).post(
        url + "sessions/", {"scheduled_for": "2026-11-10T09:00:00-03:00"}, format="json"
    )
    assert scheduled.status_code == 201, scheduled.json()
    session = scheduled.json()["sessions"][0]["id"]
    start = 9 * 60
    for length in minutes:
        recorded = api_for(world.analyst).post(
            f"/api/v1/consultancy-sessions/{session}/entries/",
            {
                "started_at": f"2026-11-10T{start // 60:02d}:{start % 60:02d}:00-03:00",
                "ended_at": f"2026-11-10T{(start + length) // 60:02d}:{(start + length) % 60:02d}:00-03:00",
                "description": "Análise.",
            },
            format="json",
        )
        assert recorded.status_code == 201, recorded.json()
        start += length + 5
    return asked.json()["id"]


def test_con1_a_7_minute_module_session_bills_10_minutes_through_the_whole_api(world, ticket, api_for):
    pk = work_through_the_api(
        api_for, world, ticket, modality="module", acceptor=world.admin.user, minutes=[7]
    )

    line = line_of(api_for(world.contact.user).get(f"/api/v1/consultancies/{pk}/"))
    assert line == {
        "recorded_minutes": 7,
        "billable_minutes": 10,
        "waived_minutes": 0,
        "price_per_minute": "3.50",
        "tax_percentage": "14.250",
        "amount": "35.00",
        "taxes": "4.99",  # 14,25 % of 35,00 = 4,9875
        "total": "39.99",
        "charged": True,
        "billed_to_unit": None,
    }
    statement = api_for(world.admin.user).get("/api/v1/consultancy-statement/?month=2026-11").json()
    assert statement["month"] == "2026-11" and statement["unit"] is None
    assert statement["company"] == {"id": world.company.pk, "trade_name": "Metalúrgica Alfa"}
    [row] = statement["lines"]
    assert (row["ticket"], row["consultancy"], row["modality"]["code"]) == (ticket.number, pk, "module")
    assert money(row) == ("35.00", "4.99", "39.99")
    assert statement["totals"] == {
        "sessions": 1,
        "recorded_minutes": 7,
        "billable_minutes": 10,
        "waived_minutes": 0,
        "amount": "35.00",
        "taxes": "4.99",
        "total": "39.99",
    }


def test_con8_totals_are_the_sums_of_the_rounded_lines(world, accepted, session_of, api_for):
    consultancy = accepted("technical")
    for day in (10, 11, 12):
        session_of(consultancy, 2, day=day)  # 2 × 4,20 = 8,40; taxes 1,197 → 1,20 each

    statement = api_for(world.analyst).get(
        f"/api/v1/consultancy-statement/?month=2026-11&company={world.company.pk}"
    )

    assert statement.status_code == 200
    assert [money(row) for row in statement.json()["lines"]] == [("8.40", "1.20", "9.60")] * 3
    assert money(statement.json()["totals"]) == ("25.20", "3.60", "28.80")  # not 25,20 × 14,25 % = 3,59


def test_con4_a_partner_requested_session_is_zero_for_the_company_and_billed_to_the_unit(
    world, open_ticket, api_for
):
    unit = world.company.partner_unit
    ticket = open_ticket(world.partner, company=world.company, now=at(2026, 11, 9, 10))
    pk = work_through_the_api(
        api_for, world, ticket, modality="technical", acceptor=world.partner, minutes=[30]
    )
    url = f"/api/v1/consultancies/{pk}/"
    unit_ref = {"id": unit.pk, "name": unit.name}

    company_view = api_for(world.admin.user).get(url)
    partner_view = api_for(world.partner).get(url)

    assert company_view.json()["payer"] == {
        "kind": "unit",
        "kind_display": "A unidade parceira",
        "unit": unit_ref,
    }
    assert company_view.json()["term"]["template"]["variant"] == "unit"
    company_line = line_of(company_view)
    assert (company_line["billable_minutes"], company_line["charged"]) == (30, False)
    assert money(company_line) == ("0.00", "0.00", "0.00") and company_line["billed_to_unit"] == unit_ref
    assert money(line_of(partner_view)) == ("126.00", "17.96", "143.96")  # 30 × 4,20; 14,25 %
    assert money(line_of(api_for(world.analyst).get(url))) == ("126.00", "17.96", "143.96")

    for_company = api_for(world.admin.user).get("/api/v1/consultancy-statement/?month=2026-11").json()
    [row] = for_company["lines"]
    assert money(row) == ("0.00", "0.00", "0.00") and row["billed_to_unit"] == unit_ref
    assert money(for_company["totals"]) == ("0.00", "0.00", "0.00")
    assert for_company["totals"]["billable_minutes"] == 30
    for_unit = api_for(world.partner).get("/api/v1/consultancy-statement/?month=2026-11").json()
    assert (for_unit["company"], for_unit["unit"]) == (None, unit_ref)
    assert money(for_unit["totals"]) == ("126.00", "17.96", "143.96")
    by_staff = api_for(world.analyst).get(f"/api/v1/consultancy-statement/?month=2026-11&unit={unit.pk}")
    assert by_staff.json() == for_unit


@pytest.mark.parametrize(
    ("who", "query", "field", "code"),
    [
        ("admin", "&company={other}", "company", "company_not_found"),
        ("admin", "&unit={unit}", "unit", "statement_scope"),
        ("partner", "&company={company}", "company", "statement_scope"),
        ("partner", "&unit={other_unit}", "unit", "unit_not_found"),
        ("analyst", "", None, "statement_scope"),
        ("analyst", "&company={company}&unit={unit}", None, "statement_scope"),
        ("analyst", "&company=999999", "company", "company_not_found"),
        ("analyst", "&unit=999999", "unit", "unit_not_found"),
    ],
)
def test_con8_whose_statement_is_fixed_for_clients_and_chosen_by_staff(
    world, api_for, who, query, field, code
):
    ids = {
        "company": world.company.pk,
        "other": world.other_company.pk,
        "unit": world.company.partner_unit_id,
        "other_unit": PartnerUnitFactory().pk,
    }
    user = {"admin": world.admin.user, "partner": world.partner, "analyst": world.analyst}[who]

    response = api_for(user).get("/api/v1/consultancy-statement/?month=2026-11" + query.format(**ids))

    assert response.status_code == 400
    assert (response.json()["field"], response.json()["code"]) == (field, code)
    assert response.json()["detail"]  # a sentence in Portuguese


def test_con8_the_month_is_mandatory_and_read_as_yyyy_mm(world, api_for):
    client = api_for(world.admin.user)

    assert client.get("/api/v1/consultancy-statement/").json() == {"month": ["Este campo é obrigatório."]}
    assert client.get("/api/v1/consultancy-statement/?month=11/2026").json() == {
        "month": ["Informe o mês como AAAA-MM, por exemplo 2026-11."]
    }
    empty = api_for(world.other_admin.user).get("/api/v1/consultancy-statement/?month=2026-11").json()
    assert empty["company"]["id"] == world.other_company.pk and empty["lines"] == []
    assert money(empty["totals"]) == ("0.00", "0.00", "0.00")


# --- Rates, taxes and the IGPM (CON-7) ----------------------------------------------------------------------


def test_con7_staff_read_the_rates_and_taxes_in_force_today(world, api_for):
    with time_machine.travel(at(2026, 11, 20, 10), tick=False):
        response = api_for(world.analyst).get("/api/v1/consultancy-rates/")

    assert response.status_code == 200
    body = response.json()
    assert body["day"] == "2026-11-20"
    assert {row["modality"]["code"]: row["price_per_minute"] for row in body["rates"]} == {
        "module": "3.50",
        "technical": "4.20",
        "investigative": "4.80",
        "telephone": "3.90",
        "onsite": "5.50",
    }
    assert body["rates"][0]["valid_from"] == "2026-01-01" and body["rates"][0]["adjustment"] is None
    assert body["taxes"] == {"percentage": "14.250", "valid_from": "2026-01-01"}
    assert api_for(world.admin.user).get("/api/v1/consultancy-rates/").status_code == 403


def test_con7_a_leader_records_the_igpm_and_the_new_rates_round_half_up(world, api_for):
    leader = api_for(world.leader)
    url = "/api/v1/consultancy-rates/igpm/"
    body = {"percentage": "4.25", "valid_from": "2027-01-01", "note": "IGPM 2026"}

    analyst = api_for(world.analyst).post(url, body, format="json")
    done = leader.post(url, body, format="json")
    again = leader.post(url, body, format="json")
    too_low = leader.post(url, {**body, "percentage": "-60", "valid_from": "2027-02-01"}, format="json")
    too_high = leader.post(url, {**body, "percentage": "150", "valid_from": "2027-02-01"}, format="json")

    assert analyst.status_code == 403
    assert done.status_code == 201
    assert (done.json()["percentage"], done.json()["valid_from"], done.json()["note"]) == (
        "4.250",
        "2027-01-01",
        "IGPM 2026",
    )
    assert done.json()["recorded_by"]["id"] == world.leader.pk
    assert {row["modality"]["code"]: row["price_per_minute"] for row in done.json()["rates"]} == {
        "module": "3.65",  # 3,50 × 1,0425 = 3,64875
        "technical": "4.38",  # 4,3785
        "investigative": "5.00",  # 5,004
        "telephone": "4.07",  # 4,06575
        "onsite": "5.73",  # 5,73375
    }
    assert again.status_code == 409 and again.json()["code"] == "rates_exist"
    assert too_low.status_code == 400 and list(too_low.json()) == ["percentage"]
    assert too_high.status_code == 400
    assert too_high.json() == {
        "detail": "Informe o IGPM em porcentagem, entre -50 e 100, como 4,25.",
        "code": "igpm_out_of_range",
        "field": "percentage",
    }
    assert Rate.objects.filter(valid_from=date(2027, 2, 1)).count() == 0
    with time_machine.travel(at(2027, 1, 4, 10), tick=False):
        rates = api_for(world.analyst).get("/api/v1/consultancy-rates/").json()["rates"]
    assert rates[0]["price_per_minute"] == "3.65"
    assert rates[0]["adjustment"] == {
        "id": done.json()["id"],
        "percentage": "4.250",
        "valid_from": "2027-01-01",
    }
