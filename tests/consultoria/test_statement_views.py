"""The consultancy statement in the portal (CON-8, CON-4, CON-1): a month of a company's or a unit's
sessions on screen, as CSV, as a printable page and as a PDF, to the centavo, for each role."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from consultoria.models import Session, TimeEntry
from tests.helpers import at, logged_in

pytestmark = pytest.mark.django_db
NOVEMBER = {"mes": "2026-11"}


def statement(client, **params):
    return client.get(reverse("consultancy-statement"), {**NOVEMBER, **params})


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def module_session(accepted, session_of):
    """CON-1: a 7-minute module session bills the 10-minute minimum at R$ 3,50 + 14,25 % of taxes."""
    consultancy = accepted("module")
    session_of(consultancy, 7)
    return consultancy


# --- On screen --------------------------------------------------------------------------------------------


def test_con8_a_contact_reads_their_companys_month_to_the_centavo(
    world, module_session, client_for, django_assert_max_num_queries
):
    client = client_for(world.contact.user)
    statement(client)  # warm the per-process caches
    with django_assert_max_num_queries(8):
        response = statement(client)
    assert response.status_code == 200
    result = response.context["statement"]
    assert result.company == world.company and result.unit is None
    [row] = result.lines
    assert (row.line.recorded_minutes, row.line.billable_minutes, row.line.waived_minutes) == (7, 10, 0)
    html = response.content.decode()
    for text in ("R$ 3,50", "R$ 35,00", "R$ 4,99", "R$ 39,99", "14,25 %", "Total: 1 sessão"):
        assert text in html, text
    assert reverse("ticket-detail", args=[module_session.ticket.number]) in html
    assert "formato=csv" in html and "formato=pdf" in html and "formato=impressao" in html


def test_con8_the_default_month_is_the_current_one(world, module_session, client_for):
    response = client_for(world.admin.user).get(reverse("consultancy-statement"))
    assert response.status_code == 200
    assert response.context["statement"].month == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("month", ["2026-13", "novembro", "26-11", "2026-1"])
def test_con8_a_bad_month_is_a_clear_400(world, client_for, month):
    client = client_for(world.admin.user)
    response = client.get(reverse("consultancy-statement"), {"mes": month})
    assert response.status_code == 400 and "Informe o mês como ano-mês" in response.content.decode()
    for output in ("csv", "pdf"):
        response = client.get(reverse("consultancy-statement"), {"mes": month, "formato": output})
        assert response.status_code == 400 and "Informe o mês" in response.content.decode()
    assert statement(client, formato="xls").status_code == 400


def test_con4_the_company_reads_a_partner_billed_session_at_zero_and_the_unit_reads_its_amount(
    world, partner_ticket, consultancy_for, session_of, client_for
):
    session_of(consultancy_for(partner_ticket, "technical"), 30)
    unit = world.company.partner_unit
    html = statement(client_for(world.admin.user)).content.decode()
    assert f"faturado à unidade {escape(unit.name)}" in html and "R$ 126,00" not in html
    assert "R$ 0,00" in html
    response = statement(logged_in(Client(), world.partner))
    assert response.context["statement"].unit == unit
    html = response.content.decode()
    assert "R$ 126,00" in html and "R$ 17,96" in html and "R$ 143,96" in html
    assert escape(world.company.trade_name) in html  # the unit's statement names each company


def test_con8_a_partner_reads_only_their_unit_and_a_contact_only_their_company(
    world, module_session, client_for
):
    partner = logged_in(Client(), world.partner)
    response = statement(partner, de=f"empresa-{world.company.pk}")  # not theirs to choose
    assert response.context["statement"].unit == world.company.partner_unit
    assert response.context["statement"].lines == []  # the company pays this one, not the unit
    other = statement(client_for(world.other_admin.user), de=f"empresa-{world.company.pk}")
    assert other.context["statement"].company == world.other_company
    assert other.context["statement"].lines == [] and "R$ 35,00" not in other.content.decode()


def test_con8_a_contact_who_sees_only_their_own_tickets_reads_only_their_own_sessions(
    world, module_session, client_for
):
    """ACC-3: without "see all company tickets" (nor the consultancy permission) a colleague's
    ticket is not theirs to read, and neither are its sessions and amounts; as soon as they may
    see the company's tickets, the statement is the company's."""
    from tests.factories import ContactFactory
    from tests.helpers import api_token_for

    colleague = ContactFactory(company=world.company, user__email="colega@alfa.example")
    response = statement(client_for(colleague.user))
    assert response.context["statement"].company == world.company
    assert response.context["statement"].lines == []
    assert "R$ 39,99" not in response.content.decode()
    assert "R$ 39,99" not in statement(client_for(colleague.user), formato="csv").content.decode("utf-8-sig")
    api = Client().get(
        reverse("api-consultancy-statement"),
        {"month": "2026-11"},
        HTTP_AUTHORIZATION=f"Token {api_token_for(colleague.user)}",
    )
    assert api.status_code == 200 and "39.99" not in api.content.decode()
    colleague.can_see_company_tickets = True
    colleague.save()
    assert len(statement(client_for(colleague.user)).context["statement"].lines) == 1


def test_con8_staff_choose_a_company_or_a_unit(
    world, module_session, partner_ticket, consultancy_for, session_of
):
    session_of(consultancy_for(partner_ticket, "technical"), 30, day=11)
    client = logged_in(Client(), world.analyst)
    response = statement(client)
    assert response.status_code == 200 and response.context["statement"] is None
    assert "Escolha uma empresa ou uma unidade parceira" in response.content.decode()
    by_company = statement(client, de=f"empresa-{world.company.pk}").context["statement"]
    assert [row.total for row in by_company.lines] == [by_company.lines[0].line.total, 0]
    assert by_company.totals.total == by_company.lines[0].line.total
    by_unit = statement(client, de=f"unidade-{world.company.partner_unit.pk}").context["statement"]
    assert [str(row.total) for row in by_unit.lines] == ["143.96"]
    assert statement(client, de="empresa-999999").status_code == 400
    assert statement(client, formato="csv").status_code == 400  # nobody chosen


# --- CSV, printable page, PDF ------------------------------------------------------------------------------


def test_con8_the_csv_has_the_same_lines_and_totals_and_no_formula(
    world, module_session, open_ticket, consultancy_for, session_of, client_for
):
    formula = open_ticket(world.contact.user, now=at(2026, 11, 9, 10), summary='=HYPERLINK("x";"y")')
    session_of(consultancy_for(formula, "technical"), 12, day=11)
    response = statement(client_for(world.contact.user), formato="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="extrato-consultoria-2026-11-metalurgica-alfa.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    header, module_row, formula_row, total = csv_rows(response)
    assert header[0] == "Data" and header[-1] == "Faturado à unidade"
    assert module_row[0] == "10/11/2026 09:00" and module_row[1] == module_session.ticket.number
    assert module_row[5:14] == ["7", "10", "0", "3,50", "35,00", "14,25", "4,99", "39,99", ""]
    assert formula_row[2] == '\'=HYPERLINK("x";"y")'  # neutralised: a spreadsheet reads it as text
    assert formula_row[5:8] == ["12", "12", "0"] and formula_row[9] == "50,40"  # 12 × 4,20
    assert total[0] == "Total" and total[9:13] == ["85,40", "", "12,17", "97,57"]  # 4,99 + 7,18


def test_con8_the_printable_page_and_the_pdf_show_the_amounts(world, module_session, client_for):
    client = client_for(world.admin.user)
    page = statement(client, formato="impressao")
    html = page.content.decode()
    assert page.status_code == 200 and "Imprimir" in html and "<style nonce=" in html  # inline CSS under CSP
    assert "R$ 35,00" in html and "R$ 39,99" in html and escape(world.company.legal_name) in html
    response = statement(client, formato="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="extrato-consultoria-2026-11-')
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    for expected in (
        "Extrato de consultoria",
        "R$ 3,50",
        "R$ 35,00",
        "R$ 4,99",
        "R$ 39,99",
        "Total: 1 sessão",
    ):
        assert expected in text, expected
    assert module_session.ticket.number in text and "Imprimir" not in text


def test_reading_the_statement_changes_nothing(world, module_session, client_for):
    before = (Session.objects.count(), TimeEntry.objects.count(), module_session.status)
    client = client_for(world.admin.user)
    for output in ("", "csv", "impressao"):
        statement(client, formato=output)
    module_session.refresh_from_db()
    assert (Session.objects.count(), TimeEntry.objects.count(), module_session.status) == before
    forged = logged_in(Client(enforce_csrf_checks=True), world.admin.user)
    assert forged.post(reverse("consultancy-statement"), NOVEMBER).status_code == 403
