"""The Ombudsman's back-office (OMB-1): the deadline with its "atrasada" marker, and answering
through the service (the client is e-mailed)."""

import pytest
from django.urls import reverse

from ombudsman import services
from ombudsman.models import Case, CaseEntry
from outbox.models import OutboxEmail
from tests.helpers import at

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
        now=at(2026, 3, 10, 10),  # long past: late
    )


def test_omb1_the_back_office_lists_cases_with_the_late_marker(world, case, client_for):
    html = client_for(world.analyst).get(reverse("admin:ombudsman_case_changelist")).content.decode()
    assert case.protocol in html
    assert "atrasada" in html
    late = client_for(world.analyst).get(reverse("admin:ombudsman_case_changelist"), {"prazo": "atrasadas"})
    assert case.protocol in late.content.decode()


def test_omb1_answering_from_the_back_office(world, case, client_for):
    url = reverse("admin:ombudsman_case_change", args=[case.pk])
    client = client_for(world.leader)
    assert client.post(url, {"to_status": C.IN_ANALYSIS, "text": ""}).status_code == 302
    refused = client.post(url, {"to_status": C.ANSWERED, "text": ""})
    assert refused.status_code == 200 and "Escreva a resposta" in refused.content.decode()
    assert client.post(url, {"to_status": "", "text": "Estamos apurando."}).status_code == 302
    assert client.post(url, {"to_status": C.ANSWERED, "text": "Reforçamos a equipe."}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.answer) == (C.ANSWERED, "Reforçamos a equipe.")
    assert OutboxEmail.objects.filter(template="ombudsman/answered").count() == 1
    assert CaseEntry.objects.filter(case=case, kind=CaseEntry.Kind.MESSAGE, from_team=True).count() == 1


def test_omb1_clients_do_not_reach_the_back_office(world, case, client_for):
    assert client_for(world.admin.user).get(reverse("admin:ombudsman_case_changelist")).status_code == 302
