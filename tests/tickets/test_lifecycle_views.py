"""The browser side of ACP-3, TKT-9, TKT-11, SRV-2 and SRV-3."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from surveys.models import Survey
from surveys.services import survey_answer
from surveys.tokens import survey_token
from tests.helpers import at, logged_in
from tickets import services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 16, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Feito.",
        now=at(2026, 11, 17, 10),
    )
    ticket.refresh_from_db()
    return ticket


@time_machine.travel(at(2026, 11, 20, 12), tick=False)
def test_acp3_accept_reject_and_postpone_from_the_ticket_page(world, proposed, client_for):
    client = client_for(world.contact.user)
    page = client.get(reverse("ticket-detail", args=[proposed.number])).content.decode()
    assert "Aceitar e encerrar o chamado" in page and "02/12/2026" in page

    assert "Preciso de mais tempo para testar" in page
    response = client.post(reverse("ticket-postpone", args=[proposed.number]), follow=True)
    assert "Validação adiada até 16/01/2027" in response.content.decode()
    assert "Preciso de mais tempo para testar" not in response.content.decode()  # once only
    response = client.post(reverse("ticket-postpone", args=[proposed.number]), follow=True)
    assert "já foi adiada uma vez" in response.content.decode()

    response = client.post(reverse("ticket-reject", args=[proposed.number]), {"reason": ""}, follow=True)
    assert "por que a solução" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == "awaiting_validation"

    response = client.post(reverse("ticket-reject", args=[proposed.number]), {"reason": "y" * 20_001})
    assert response.status_code == 400 and "no máximo 20000 caracteres" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == "awaiting_validation" and not proposed.messages.filter(body__startswith="yyy")

    client.post(reverse("ticket-reject", args=[proposed.number]), {"reason": "Continua errado."})
    proposed.refresh_from_db()
    assert proposed.status == "in_analysis"


@time_machine.travel(at(2026, 11, 20, 12), tick=False)
def test_acp3_accepting_closes_and_the_follow_up_form_appears(world, proposed, client_for):
    client = client_for(world.contact.user)
    client.post(reverse("ticket-accept", args=[proposed.number]))
    proposed.refresh_from_db()
    assert proposed.status == "closed"
    response = client.post(
        reverse("ticket-follow-up", args=[proposed.number]), {"summary": "", "body": "Voltou a acontecer."}
    )
    follow_up = Ticket.objects.get(follow_up_of=proposed)
    assert response.status_code == 302 and response.url == reverse("ticket-detail", args=[follow_up.number])
    page = client.get(response.url).content.decode()
    assert proposed.number in page  # TKT-9: the link to the original


def test_lifecycle_actions_are_post_only_and_tenant_scoped(world, proposed, client_for):
    assert (
        client_for(world.contact.user).get(reverse("ticket-accept", args=[proposed.number])).status_code
        == 405
    )
    other = client_for(world.other_admin.user)
    assert other.post(reverse("ticket-accept", args=[proposed.number])).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == "awaiting_validation"


def test_srv2_survey_link_works_without_login_once(world, proposed, client):
    services.ticket_accept_solution(actor=world.contact.user, ticket=proposed, now=at(2026, 11, 18, 10))
    survey = Survey.objects.get(ticket=proposed)
    url = reverse("survey-answer", args=[survey_token(survey)])
    assert "De 1 a 5" in client.get(url).content.decode()
    response = client.post(url, {"rating": "4", "solved": "yes", "comment": "Bom"})
    assert response.status_code == 200 and "Obrigado" in response.content.decode()
    survey.refresh_from_db()
    assert (survey.rating, survey.solved) == (4, True)
    response = client.post(url, {"rating": "1", "solved": "no"})
    assert response.status_code == 400 and "já foi respondida" in response.content.decode()
    assert client.get(reverse("survey-answer", args=["forjado"])).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == "closed"


def test_tkt11_statement_lists_the_period_and_exports_csv(
    world, open_ticket, client_for, django_assert_max_num_queries
):
    inside = open_ticket(world.contact.user, now=at(2026, 10, 5, 10), summary="=SOMA(A1:A9) na planilha")
    open_ticket(world.contact.user, now=at(2026, 9, 30, 23, 59))
    other = open_ticket(world.other_contact.user, now=at(2026, 10, 6, 10))
    client = client_for(world.admin.user)
    params = {"start": "2026-10-01", "end": "2026-10-31"}
    with django_assert_max_num_queries(8):
        response = client.get(reverse("ticket-statement"), params)
    assert [t.number for t in response.context["tickets"]] == [inside.number]
    csv_response = client.get(reverse("ticket-statement-csv"), params)
    assert (
        csv_response["Content-Disposition"] == 'attachment; filename="extrato-chamados-20261001-20261031.csv"'
    )
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Número" and rows[0][-1] == "Minutos de consultoria"
    assert [row[0] for row in rows[1:]] == [inside.number]
    assert rows[1][6] == "'=SOMA(A1:A9) na planilha"  # no formula injection
    assert rows[1][1] == "05/10/2026 10:00"
    assert other.number not in csv_response.content.decode()


def test_tkt11_statement_validates_the_period(world, client_for):
    client = client_for(world.admin.user)
    response = client.get(reverse("ticket-statement"), {"start": "2026-10-31", "end": "2026-10-01"})
    assert "posterior à inicial" in response.content.decode()
    refused = client.get(reverse("ticket-statement-csv"), {"start": "x"})
    # The statement page again, its fields saying what is wrong (was a bare "required. required.").
    assert refused.status_code == 400 and refused["Content-Type"].startswith("text/html")
    assert refused.templates[0].name == "statements/statement.html"
    form = refused.context["form"]
    assert set(form.errors) == {"start", "end"}


def test_statement_csv_guards_names_too(world, open_ticket, client_for):
    """A probe set a contact's name and a trade name that a spreadsheet runs as formulas: every cell
    goes through the one CSV writer, not only the summary."""
    world.contact.user.full_name = '=HYPERLINK("http://evil.example","Bruno")'
    world.contact.user.save()
    world.company.trade_name = "=1+2 Horizonte"
    world.company.save()
    open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    response = client_for(world.admin.user).get(
        reverse("ticket-statement-csv"), {"start": "2026-10-01", "end": "2026-10-31"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'=1+2 Horizonte" in cells and '\'=HYPERLINK("http://evil.example","Bruno")' in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize(
    ("start", "end"),
    [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"), ("1999-12-31", "2000-01-05")],
)
def test_statement_dates_at_the_edge_are_refused_with_a_message(world, client_for, start, end):
    """A probe found a 500 (OverflowError) on 9999-12-31: the one period validator bounds the dates."""
    client = client_for(world.admin.user)
    page = client.get(reverse("ticket-statement"), {"start": start, "end": end})
    assert page.status_code == 400 and "Escolha datas entre 01/01/2000 e 31/12/2100." in page.content.decode()
    assert client.get(reverse("ticket-statement-csv"), {"start": start, "end": end}).status_code == 400
    api = logged_in(APIClient(), world.admin.user).get("/api/v1/statement/", {"start": start, "end": end})
    assert api.status_code == 400 and "Escolha datas entre" in api.content.decode()


def test_statement_of_a_contact_without_see_all_lists_only_their_tickets(world, open_ticket, client_for):
    own = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    open_ticket(world.admin.user, now=at(2026, 10, 5, 11))
    response = client_for(world.contact.user).get(
        reverse("ticket-statement"), {"start": "2026-10-01", "end": "2026-10-31"}
    )
    assert [t.number for t in response.context["tickets"]] == [own.number]


def test_srv3_leaders_see_results_per_analyst_and_team(world, open_ticket, client_for):
    for rating in (5, 3):
        ticket = open_ticket(world.contact.user, now=at(2026, 11, 2, 10))
        services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.analyst)
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="awaiting_validation",
            reason="ok",
            now=at(2026, 11, 3, 10),
        )
        services.ticket_accept_solution(actor=world.contact.user, ticket=ticket, now=at(2026, 11, 4, 10))
        survey_answer(token=survey_token(ticket.survey), rating=rating, solved=rating > 3)
    url = reverse("admin:surveys_survey_report")
    assert client_for(world.analyst).get(url).status_code == 403
    response = client_for(world.leader).get(url, {"start": "2026-11-01", "end": "2026-11-30"})
    row = response.context["by_analyst"][0]
    assert (row["name"], row["sent"], row["answered"], row["average"], row["satisfied_rate"]) == (
        world.analyst.full_name,
        2,
        2,
        4.0,
        50,
    )
    assert response.context["by_team"][0]["sent"] == 2
    empty = client_for(world.leader).get(url, {"start": "2026-12-01", "end": "2026-12-31"})
    assert empty.context["by_analyst"] == []


@time_machine.travel(at(2026, 11, 20, 12), tick=False)
def test_acp3_a_line_without_postponement_offers_no_postpone_button(world, proposed, client_for):
    policy = proposed.acceptance_policy
    policy.postponement_days = 0
    policy.save()
    page = (
        client_for(world.contact.user).get(reverse("ticket-detail", args=[proposed.number])).content.decode()
    )
    assert "Aceitar e encerrar o chamado" in page
    assert "Preciso de mais tempo para testar" not in page


def test_acp5_leaders_configure_the_retail_policy_in_the_admin(world, catalogue, client_for):
    response = client_for(world.leader).post(
        reverse("admin:tickets_acceptancepolicy_add"),
        {
            "name": "Varejo",
            "product_line": catalogue.line.pk,
            "window_length": "5",
            "window_unit": "business",
            "reminder_before": "1",
            "postponement_days": "0",
            "survey_on_validation": "on",
        },
    )
    assert response.status_code == 302
    policy = catalogue.line.acceptance_policy
    assert (policy.window_length, policy.window_unit, policy.survey_on_validation) == (5, "business", True)


def test_a_follow_up_posted_on_an_open_ticket_says_why_it_is_refused(world, proposed, client_for):
    """The page offers the follow-up form only on a closed ticket: a crafted POST on an open one
    answered a 400 page with no form to show its error beside."""
    client = client_for(world.contact.user)
    url = reverse("ticket-follow-up", args=[proposed.number])
    response = client.post(url, {"summary": "", "body": "Voltou."}, follow=True)
    assert response.redirect_chain == [(reverse("ticket-detail", args=[proposed.number]), 302)]
    assert "Acompanhamentos são abertos a partir de chamados encerrados." in response.content.decode()
    assert not Ticket.objects.filter(follow_up_of=proposed).exists()
