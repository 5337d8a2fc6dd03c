"""Solutions of solved tickets suggested while a new ticket's summary is typed (SELF-2, SELF-3):
another company's solved ticket helps, anonymised, and a deflection may cite it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from knowledge.models import Deflection
from solutions.jobs import publish_accepted_solutions
from solutions.models import Solution
from tests.helpers import logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.fulltext]


@pytest.fixture
def beta_solution(world, solve):
    solve(
        world.other_contact.user,
        summary="Cálculo de férias com um dia a menos",
        description="Na Beta, o recibo de férias de contato@beta.example sai com um dia a menos.",
        solution="Ajustar o parâmetro de férias coletivas e recalcular.",
    )
    publish_accepted_solutions()
    return Solution.objects.get()


def test_the_new_ticket_suggestions_show_anonymised_solutions(world, client_for, beta_solution):
    page = client_for(world.contact.user).get(reverse("kb-suggestions"), {"q": "férias dia a menos"})
    html = page.content.decode()
    assert "Soluções de chamados semelhantes" in html and "recalcular" in html
    for secret in ("Beta", "contato@beta.example", beta_solution.ticket.number):
        assert secret not in html
    api = logged_in(APIClient(), world.contact.user).get("/api/v1/kb/suggestions/", {"q": "ferias coletivas"})
    [found] = api.json()["solutions"]
    assert found["id"] == beta_solution.pk and "<mark>" in found["solution_html"]
    assert "Beta" not in api.content.decode()
    unknown = logged_in(APIClient(), world.contact.user).post(
        "/api/v1/kb/deflections/", {"solution_id": 999_999, "query": "férias"}, format="json"
    )
    assert unknown.status_code == 400


def test_a_deflection_cites_a_searchable_solution_only(world, client_for, beta_solution):
    client = client_for(world.contact.user)
    client.post(reverse("kb-deflect"), {"solucao": beta_solution.pk, "q": "férias"})
    assert Deflection.objects.get().solution_id == beta_solution.pk
    Solution.objects.filter(pk=beta_solution.pk).update(withheld=True)
    response = client.post(reverse("kb-deflect"), {"solucao": beta_solution.pk, "q": "férias"})
    assert response.status_code == 400 and Deflection.objects.count() == 1
