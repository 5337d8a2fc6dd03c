"""The suggestions' back-office (SELF-5): staff see the proposer and their company and move a
suggestion with a reason through the service."""

import pytest
from django.urls import reverse

from ideas.models import Suggestion, SuggestionStatusChange
from outbox.models import OutboxEmail

pytestmark = pytest.mark.django_db
S = Suggestion.Status


def test_self5_staff_see_the_proposer_in_the_back_office(world, ideas, client_for):
    html = client_for(world.analyst).get(reverse("admin:ideas_suggestion_changelist")).content.decode()
    assert "Exportar o faturamento em Excel" in html
    assert world.company.trade_name in html
    page = client_for(world.analyst).get(
        reverse("admin:ideas_suggestion_change", args=[ideas.shared_suggestion.pk])
    )
    assert page.status_code == 200
    assert (
        world.contact.user.email in page.content.decode()
        or world.contact.user.full_name in page.content.decode()
    )


def test_self5_an_analyst_moves_a_suggestion_with_a_reason(world, ideas, client_for):
    url = reverse("admin:ideas_suggestion_change", args=[ideas.shared_suggestion.pk])
    client = client_for(world.analyst)
    refused = client.post(url, {"to_status": S.IN_REVIEW, "reason": ""})
    assert refused.status_code == 200
    assert "Informe o motivo" in refused.content.decode()
    assert Suggestion.objects.get(pk=ideas.shared_suggestion.pk).status == S.RECEIVED
    moved = client.post(url, {"to_status": S.IN_REVIEW, "reason": "Avaliando o formato."})
    assert moved.status_code == 302
    change = SuggestionStatusChange.objects.get()
    assert (change.to_status, change.reason, change.actor) == (
        S.IN_REVIEW,
        "Avaliando o formato.",
        world.analyst,
    )
    assert OutboxEmail.objects.filter(template="ideas/status_changed").count() == 1
    history = client.get(url).content.decode()
    assert "Avaliando o formato." in history


def test_self5_a_move_outside_the_triage_is_refused_in_the_back_office(world, ideas, client_for):
    url = reverse("admin:ideas_suggestion_change", args=[ideas.shared_suggestion.pk])
    response = client_for(world.leader).post(url, {"to_status": S.DELIVERED, "reason": "Pronto."})
    assert response.status_code == 200
    assert Suggestion.objects.get(pk=ideas.shared_suggestion.pk).status == S.RECEIVED


def test_self5_clients_do_not_reach_the_back_office(world, ideas, client_for):
    response = client_for(world.admin.user).get(reverse("admin:ideas_suggestion_changelist"))
    assert response.status_code == 302
