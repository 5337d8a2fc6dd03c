"""Analyst actions through the API (TKT-5, TKT-6, SEV-1, SLA-3) and who may use them."""

import pytest
import time_machine

from tests.helpers import at
from tickets.models import TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(world, open_ticket):
    return open_ticket(world.contact.user, now=at(2026, 3, 10, 10))


def url(ticket, action: str) -> str:
    return f"/api/v1/tickets/{ticket.number}/{action}/"


def test_tkt6_an_analyst_moves_a_ticket_and_gets_the_detail_back(world, ticket, api_for):
    response = api_for(world.analyst).post(
        url(ticket, "transition"), {"status": "in_analysis"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["number"] == ticket.number and response.json()["status"] == "in_analysis"
    event = TicketEvent.objects.get(ticket=ticket, kind="status")
    assert (event.actor, event.from_value, event.to_value) == (world.analyst, "new", "in_analysis")


def test_tkt6_a_move_outside_the_table_is_409_with_the_message(world, ticket, api_for):
    response = api_for(world.analyst).post(url(ticket, "transition"), {"status": "closed"}, format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Não é possível passar de “Novo” para “Encerrado”.",
        "code": "invalid_transition",
        "field": "status",
    }
    ticket.refresh_from_db()
    assert ticket.status == "new"
    assert not TicketEvent.objects.filter(kind="status").exists()


def test_tkt6_pending_client_needs_a_reason(world, ticket, api_for):
    client = api_for(world.analyst)

    with time_machine.travel(at(2026, 3, 10, 11), tick=False):
        refused = client.post(url(ticket, "transition"), {"status": "pending_client"}, format="json")
        done = client.post(
            url(ticket, "transition"), {"status": "pending_client", "reason": "Envie o XML."}, format="json"
        )

    assert refused.status_code == 400
    assert refused.json()["code"] == "reason_required" and refused.json()["field"] == "reason"
    assert done.status_code == 200
    assert done.json()["status"] == "pending_client" and done.json()["sla"]["paused"] is True


def test_tkt6_an_unknown_status_is_a_field_error(world, ticket, api_for):
    response = api_for(world.analyst).post(url(ticket, "transition"), {"status": "reopened"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"status": ['"reopened" não é uma escolha válida.']}


def test_sev1_reclassify_recomputes_the_deadlines_from_the_opening(world, ticket, api_for):
    response = api_for(world.analyst).post(
        url(ticket, "reclassify"), {"severity": "low", "reason": "Só visual."}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["severity"] == "low"
    assert body["sla"]["response_due_at"] == "2026-03-13T14:00:00-03:00"  # 40 business hours from Tue 10:00


def test_sev1_reclassify_needs_a_reason(world, ticket, api_for):
    response = api_for(world.analyst).post(url(ticket, "reclassify"), {"severity": "low"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Informe o motivo da reclassificação."
    ticket.refresh_from_db()
    assert ticket.severity == "critical"


def test_tkt5_transfer_to_another_team(world, catalogue, ticket, api_for):
    response = api_for(world.analyst).post(
        url(ticket, "transfer"), {"team": catalogue.fiscal_team.pk, "reason": "É fiscal."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["team"] == {"id": catalogue.fiscal_team.pk, "name": "Fiscal"}
    assert TicketEvent.objects.filter(ticket=ticket, kind="transfer").count() == 1


def test_tkt5_transfer_to_an_unknown_team_is_a_field_error(world, ticket, api_for):
    response = api_for(world.analyst).post(
        url(ticket, "transfer"), {"team": 999999, "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"team": ["Nenhum item com o código 999999."]}


def test_api1_assign_to_me_to_another_analyst_and_back_to_the_queue(world, ticket, api_for):
    client = api_for(world.analyst)

    mine = client.post(url(ticket, "assign"), {"assignee": "me"}, format="json")
    leader = client.post(url(ticket, "assign"), {"assignee": world.leader.pk}, format="json")
    queue = client.post(url(ticket, "assign"), {"assignee": None}, format="json")

    assert mine.json()["assignee"] == {"id": world.analyst.pk, "name": world.analyst.full_name}
    assert leader.json()["assignee"] == {"id": world.leader.pk, "name": world.leader.full_name}
    assert queue.status_code == 200 and queue.json()["assignee"] is None


@pytest.mark.parametrize("assignee", ["contact", 999999, "você", True, "²", "-1", 2**70, 1.5, [1]])
def test_api1_assign_only_to_an_analyst(world, ticket, api_for, assignee):
    value = world.contact.user.pk if assignee == "contact" else assignee
    response = api_for(world.analyst).post(url(ticket, "assign"), {"assignee": value}, format="json")

    assert response.status_code == 400
    assert response.json()["detail" if assignee == "contact" else "assignee"] in (
        "Chamados são atribuídos a analistas ativos.",
        ["Chamados são atribuídos a analistas ativos."],
    )
    ticket.refresh_from_db()
    assert ticket.assignee is None


ACTIONS = {
    "assign": {"assignee": "me"},
    "transition": {"status": "in_analysis"},
    "reclassify": {"severity": "low", "reason": "x"},
    "transfer": {"team": None, "reason": "x"},
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["contact", "admin", "partner"])
def test_api1_clients_may_not_use_analyst_actions(roles, catalogue, ticket, api_for, action, role):
    data = {**ACTIONS[action], **({"team": catalogue.fiscal_team.pk} if action == "transfer" else {})}

    response = api_for(roles[role]).post(url(ticket, action), data, format="json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Somente a equipe de atendimento pode fazer isto.",
        "code": "permission_denied",
    }
    ticket.refresh_from_db()
    assert (ticket.status, ticket.severity, ticket.team, ticket.assignee) == (
        "new",
        "critical",
        catalogue.team,
        None,
    )


def test_api1_actions_take_json_only(world, ticket, api_for):
    response = api_for(world.analyst).post(
        url(ticket, "transition"), {"status": "in_analysis"}, format="multipart"
    )
    assert response.status_code == 415
