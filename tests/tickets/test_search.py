"""Searching as people type (TKT-4): accents and case aside ("ferias" finds "Férias") in the portal and
the back-office, a whole or partial CNPJ finds the company's tickets, and a whole ticket number goes
straight to the ticket. Marked `fulltext`, so it runs on PostgreSQL and again on SQLite."""

import pytest
from django.urls import reverse

from accounts.models import Company
from tests.factories import ContactFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fulltext]

CHANGELIST = "/admin/tickets/ticket/"


@pytest.fixture
def tickets(world, open_ticket):
    holidays = open_ticket(world.contact.user, summary="Cálculo de FÉRIAS com adicional errado")
    invoice = open_ticket(world.contact.user, summary="Nota fiscal rejeitada")
    foreign = open_ticket(world.other_contact.user, summary="Férias coletivas na Beta")
    return holidays, invoice, foreign


def listed(response) -> set[str]:
    return {ticket.number for ticket in response.context["page"].object_list}


def queue(response) -> set[str]:
    return {ticket.number for ticket in response.context["cl"].result_list}


@pytest.mark.parametrize("term", ["ferias", "FERIAS", "férias", "calculo de fe"])
def test_the_portal_list_ignores_accents_and_case(world, client_for, tickets, term):
    holidays, _invoice, _foreign = tickets
    response = client_for(world.contact.user).get(reverse("ticket-list"), {"q": term})
    assert listed(response) == {holidays.number}


def test_a_whole_number_in_the_portal_goes_to_the_ticket(world, client_for, tickets):
    holidays, _invoice, foreign = tickets
    client = client_for(world.contact.user)
    response = client.get(reverse("ticket-list"), {"q": holidays.number})
    assert response.status_code == 302
    assert response.url == reverse("ticket-detail", kwargs={"number": holidays.number})
    # Another company's number is just an empty search: nothing says it exists.
    response = client.get(reverse("ticket-list"), {"q": foreign.number})
    assert response.status_code == 200 and listed(response) == set()


@pytest.mark.parametrize("term", ["ferias", "Ferias", "FÉRIAS", "adicional errado"])
def test_the_back_office_queue_ignores_accents_and_case(world, client_for, tickets, term):
    holidays, invoice, foreign = tickets
    response = client_for(world.analyst).get(CHANGELIST, {"q": term, "situacao": "todos"})
    assert holidays.number in queue(response)
    assert invoice.number not in queue(response)
    assert (foreign.number in queue(response)) == (term != "adicional errado")


def test_the_back_office_finds_a_company_by_partial_cnpj(world, client_for, tickets):
    holidays, invoice, foreign = tickets
    cnpj = world.company.cnpj
    formatted = f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}"
    client = client_for(world.analyst)
    for term in (formatted, cnpj[:8], f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}"):
        response = client.get(CHANGELIST, {"q": term, "situacao": "todos"})
        assert response.status_code == 200, term
        assert queue(response) == {holidays.number, invoice.number}, term
        assert foreign.number not in queue(response)


def test_the_back_office_companies_search_ignores_accents_and_takes_a_partial_cnpj(world, client_for):
    client = client_for(world.analyst)
    url = reverse("admin:accounts_company_changelist")

    def found(term):
        response = client.get(url, {"q": term})
        assert response.status_code == 200
        return {company.pk for company in response.context["cl"].result_list}

    assert world.company.pk in found("metalurgica")
    assert world.other_company.pk not in found("metalurgica")
    cnpj = world.company.cnpj
    assert found(f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}") == {world.company.pk}
    assert Company.objects.count() >= 2


def test_the_contacts_page_ignores_accents(world, client_for):
    ContactFactory(company=world.company, user__full_name="Joana Quórum Açaí")
    response = client_for(world.admin.user).get(reverse("contact-list"), {"q": "quorum acai"})
    assert [contact.user.full_name for contact in response.context["page"].object_list] == [
        "Joana Quórum Açaí"
    ]
