"""API of the acceptance window, follow-ups, surveys and statement (ACP-1..3, TKT-9, SRV-2, TKT-11)."""

import pytest
import time_machine

from surveys.models import Survey
from surveys.tokens import survey_token
from tests.helpers import at
from tickets import services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db
NOW = at(2026, 11, 20, 12)


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
    return ticket


@time_machine.travel(NOW, tick=False)
def test_detail_shows_the_acceptance_window(world, proposed, api_for):
    data = api_for(world.contact.user).get(f"/api/v1/tickets/{proposed.number}/").json()
    assert data["acceptance"] == {
        "deadline": "2026-12-02T10:00:00-03:00",
        "reminder_at": "2026-11-28T10:00:00-03:00",
        "reminder_sent_at": None,
        "postponed": False,
        "postponed_at": None,
        "can_postpone": True,
        "policy": "Padrão",
    }


@time_machine.travel(NOW, tick=False)
def test_postpone_once_then_409(world, proposed, api_for):
    client = api_for(world.contact.user)
    response = client.post(f"/api/v1/tickets/{proposed.number}/postpone/")
    assert response.status_code == 200
    assert response.json()["acceptance"]["deadline"] == "2027-01-16T10:00:00-03:00"
    assert response.json()["acceptance"]["postponed"] is True
    again = client.post(f"/api/v1/tickets/{proposed.number}/postpone/")
    assert again.status_code == 409 and again.json()["code"] == "already_postponed"


@time_machine.travel(NOW, tick=False)
def test_reject_needs_a_reason(world, proposed, api_for):
    client = api_for(world.contact.user)
    assert client.post(f"/api/v1/tickets/{proposed.number}/reject/", {}, format="json").status_code == 400
    response = client.post(
        f"/api/v1/tickets/{proposed.number}/reject/", {"reason": "Não resolveu."}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "in_analysis"
    assert response.json()["acceptance"] is None


@time_machine.travel(NOW, tick=False)
def test_a_follow_up_is_as_long_as_any_other_message_at_most(world, proposed, api_for):
    client = api_for(world.contact.user)
    client.post(f"/api/v1/tickets/{proposed.number}/accept/")
    response = client.post(
        f"/api/v1/tickets/{proposed.number}/follow-up/", {"body": "Z" * 20_001}, format="json"
    )
    assert response.status_code == 400 and "body" in response.json()
    assert not Ticket.objects.filter(follow_up_of__number=proposed.number).exists()


@time_machine.travel(NOW, tick=False)
def test_accept_closes_then_follow_up_opens_a_new_number(world, proposed, api_for):
    client = api_for(world.contact.user)
    response = client.post(f"/api/v1/tickets/{proposed.number}/accept/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert client.post(f"/api/v1/tickets/{proposed.number}/accept/").status_code == 409

    follow = client.post(f"/api/v1/tickets/{proposed.number}/follow-up/", {"body": "Voltou."}, format="json")
    assert follow.status_code == 201
    new_number = follow.json()["number"]
    assert follow["Location"] == f"/api/v1/tickets/{new_number}/"
    assert follow.json()["follow_up_of"] == proposed.number
    assert client.get(f"/api/v1/tickets/{proposed.number}/").json()["follow_ups"] == [new_number]
    assert Ticket.objects.get(number=proposed.number).status == "closed"


@time_machine.travel(NOW, tick=False)
def test_analysts_and_other_companies_cannot_answer_for_the_client(world, proposed, api_for):
    assert api_for(world.analyst).post(f"/api/v1/tickets/{proposed.number}/accept/").status_code == 403
    assert (
        api_for(world.other_admin.user).post(f"/api/v1/tickets/{proposed.number}/accept/").status_code == 404
    )
    assert Ticket.objects.get(pk=proposed.pk).status == "awaiting_validation"


@time_machine.travel(NOW, tick=False)
def test_survey_by_token_without_login_answered_once(world, proposed, api_for):
    services.ticket_accept_solution(actor=world.contact.user, ticket=proposed)
    token = survey_token(Survey.objects.get(ticket=proposed))
    anonymous = api_for(None)
    assert anonymous.get(f"/api/v1/surveys/{token}/").json()["ticket"] == proposed.number
    answer = anonymous.post(f"/api/v1/surveys/{token}/", {"rating": 4, "solved": True}, format="json")
    assert answer.status_code == 200 and answer.json()["rating"] == 4
    again = anonymous.post(f"/api/v1/surveys/{token}/", {"rating": 1}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_answered"
    assert anonymous.post(f"/api/v1/surveys/{token}/", {"rating": 9}, format="json").status_code == 400
    assert anonymous.get("/api/v1/surveys/forjado/").status_code == 400


def test_statement_lists_the_period_of_the_users_tickets(world, open_ticket, api_for):
    inside = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    open_ticket(world.contact.user, now=at(2026, 11, 5, 10))
    open_ticket(world.other_contact.user, now=at(2026, 10, 6, 10))
    response = api_for(world.admin.user).get(
        "/api/v1/statement/", {"start": "2026-10-01", "end": "2026-10-31"}
    )
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [inside.number]
    bad = api_for(world.admin.user).get("/api/v1/statement/", {"start": "2026-10-31", "end": "2026-10-01"})
    assert bad.status_code == 400
    foreign = api_for(world.admin.user).get(
        "/api/v1/statement/", {"start": "2026-10-01", "end": "2026-10-31", "company": world.other_company.pk}
    )
    assert foreign.status_code == 400
