"""The Ombudsman in the API (OMB-1): the same rules as the pages."""

import pytest

from ombudsman import services
from ombudsman.models import Case

pytestmark = pytest.mark.django_db


def _create(client, numbers):
    return client.post(
        "/api/v1/ombudsman/cases/",
        {"kind": "complaint", "tickets": numbers, "subject": "Demora", "description": "Sem resposta."},
        format="json",
    )


def test_omb1_api_open_follow_and_message(world, evidence, api_as):
    client = api_as(world.contact.user)
    created = _create(client, [evidence.own.number])
    assert created.status_code == 201
    protocol = created.json()["protocol"]
    assert created.json()["tickets"] == [evidence.own.number]
    assert created.json()["due_at"]
    assert [row["protocol"] for row in client.get("/api/v1/ombudsman/cases/").json()["results"]] == [protocol]
    message = client.post(
        f"/api/v1/ombudsman/cases/{protocol}/messages/", {"body": "Novidades?"}, format="json"
    )
    assert message.status_code == 200
    assert message.json()["timeline"][-1]["body"] == "Novidades?"


def test_omb1_api_foreign_and_unknown_tickets_get_the_same_answer(world, evidence, api_as):
    client = api_as(world.contact.user)
    foreign = _create(client, [evidence.foreign.number]).json()
    unknown = _create(client, ["99999999"]).json()
    colleague = _create(client, [evidence.colleague.number]).json()
    assert foreign["code"] == unknown["code"] == colleague["code"] == "ticket_not_found"
    assert foreign["detail"].replace(evidence.foreign.number, "N") == unknown["detail"].replace(
        "99999999", "N"
    )
    assert not Case.objects.exists()


def test_omb1_api_bad_kind_is_400(world, evidence, api_as):
    response = api_as(world.contact.user).post(
        "/api/v1/ombudsman/cases/",
        {"kind": "nope", "tickets": [evidence.own.number], "subject": "S", "description": "D"},
        format="json",
    )
    assert response.status_code == 400 and response.json()["field"] == "kind"


def test_omb1_api_another_company_case_is_404(world, evidence, api_as):
    case = services.case_open(
        actor=world.contact.user,
        kind=Case.Kind.COMPLIMENT,
        ticket_numbers=[evidence.own.number],
        subject="Elogio",
        description="Muito bom.",
    )
    client = api_as(world.other_admin.user)
    assert client.get(f"/api/v1/ombudsman/cases/{case.protocol}/").status_code == 404
    assert (
        client.post(
            f"/api/v1/ombudsman/cases/{case.protocol}/messages/", {"body": "x"}, format="json"
        ).status_code
        == 404
    )
    assert client.get("/api/v1/ombudsman/cases/").json()["results"] == []
