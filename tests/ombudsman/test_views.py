"""The Ombudsman pages (OMB-1): list, new (evidence refused with one message), detail with the
timeline, deadline and answer, the client's message; another company's case is 404 on every route;
a constant number of queries per list."""

import re

import pytest
from django.urls import reverse

from ombudsman import services
from ombudsman.models import Case
from tests.helpers import flash

pytestmark = pytest.mark.django_db
C = Case.Status


@pytest.fixture
def case(world, evidence):
    return services.case_open(
        actor=world.contact.user,
        kind=Case.Kind.COMPLAINT,
        ticket_numbers=[evidence.own.number],
        subject="Demora no atendimento",
        description="O chamado ficou dias sem resposta.",
    )


def _new(client, numbers, **extra):
    data = {
        "kind": "compliment",
        "tickets": numbers,
        "subject": "Ótimo atendimento",
        "description": "A analista foi muito atenciosa.",
        **extra,
    }
    return client.post(reverse("ombudsman-new"), data)


def test_omb1_a_contact_opens_a_case_citing_their_ticket(world, evidence, client_for):
    response = _new(client_for(world.contact.user), f"{evidence.own.number}")
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ombudsman-detail", kwargs={"protocol": case.protocol})
    assert case.kind == Case.Kind.COMPLIMENT


def _errors(response, number: str) -> list[str]:
    assert response.status_code == 400
    html = response.content.decode().replace(number, "N")
    return re.findall(r'class="invalid-feedback d-block">([^<]*)<', html)


def test_omb1_foreign_and_unknown_numbers_read_the_same_on_the_page(world, evidence, client_for):
    client = client_for(world.contact.user)
    pages = {
        "foreign": _errors(_new(client, evidence.foreign.number), evidence.foreign.number),
        "colleague": _errors(_new(client, evidence.colleague.number), evidence.colleague.number),
        "unknown": _errors(_new(client, "99999999"), "99999999"),
    }
    assert pages["unknown"] == ["Chamado não encontrado entre os da sua empresa: N."]
    assert pages["foreign"] == pages["unknown"] == pages["colleague"]
    assert not Case.objects.exists()


def test_omb1_the_detail_shows_timeline_deadline_and_answer(world, case, client_for):
    services.case_move(actor=world.leader, case=case, to_status=C.IN_ANALYSIS)
    services.case_move(actor=world.leader, case=case, to_status=C.ANSWERED, answer="Reforçamos a equipe.")
    html = client_for(world.contact.user).get(reverse("ombudsman-detail", kwargs={"protocol": case.protocol}))
    text = html.content.decode()
    assert html.status_code == 200
    assert "Reforçamos a equipe." in text
    assert "Prazo de resposta" in text
    assert "Equipe da Ouvidoria" in text
    assert world.leader.full_name not in text


def test_omb1_the_client_adds_a_message(world, case, client_for):
    client = client_for(world.contact.user)
    url = reverse("ombudsman-message", kwargs={"protocol": case.protocol})
    assert client.get(url).status_code == 405
    assert client.post(url, {"body": ""}).status_code == 400
    response = client.post(url, {"body": "Alguma novidade?"})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert flash(detail) == ["Mensagem enviada à Ouvidoria."]
    assert "Alguma novidade?" in detail.content.decode()


def test_omb1_another_company_case_is_404_on_every_route(world, case, client_for):
    client = client_for(world.other_admin.user)
    assert client.get(reverse("ombudsman-detail", kwargs={"protocol": case.protocol})).status_code == 404
    message = reverse("ombudsman-message", kwargs={"protocol": case.protocol})
    assert client.post(message, {"body": "Oi"}).status_code == 404
    assert client.get(reverse("ombudsman-detail", kwargs={"protocol": "OUV-2026-999999"})).status_code == 404
    assert client.get(reverse("ombudsman-detail", kwargs={"protocol": "nada"})).status_code == 404
    assert case.protocol not in client.get(reverse("ombudsman-list")).content.decode()


def test_omb1_the_admin_follows_the_company_cases_a_contact_their_own(world, evidence, case, client_for):
    other = services.case_open(
        actor=world.admin.user,
        kind=Case.Kind.COMPLIMENT,
        ticket_numbers=[evidence.colleague.number],
        subject="Elogio",
        description="Muito bom.",
    )
    admin_list = client_for(world.admin.user).get(reverse("ombudsman-list")).content.decode()
    contact_list = client_for(world.contact.user).get(reverse("ombudsman-list")).content.decode()
    assert case.protocol in admin_list and other.protocol in admin_list
    assert case.protocol in contact_list and other.protocol not in contact_list
    url = reverse("ombudsman-detail", kwargs={"protocol": other.protocol})
    assert client_for(world.contact.user).get(url).status_code == 404


def test_omb1_the_list_costs_the_same_queries(
    world, evidence, case, client_for, django_assert_max_num_queries
):
    client = client_for(world.admin.user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("ombudsman-list"))
    for index in range(24):
        services.case_open(
            actor=world.contact.user,
            kind=Case.Kind.COMPLAINT,
            ticket_numbers=[evidence.own.number],
            subject=f"Reclamação {index}",
            description="Texto.",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("ombudsman-list"))
    assert response.content.decode().count("Acompanhar") == 20
