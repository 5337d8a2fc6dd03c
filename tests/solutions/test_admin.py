"""The back-office of solutions (SELF-3): staff list them by product and withheld, see the
original ticket beside the anonymised texts, and edit, withhold or release through the services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solutions import services
from solutions.models import Solution

pytestmark = pytest.mark.django_db

SOLUTION = "Atualize o pacote fiscal e retransmita a nota."


@pytest.fixture
def published(solve):
    return services.solution_publish_for(solve(summary="Nota rejeitada", description="x", solution=SOLUTION))


def post(client, row, **changes):
    data = {
        "problem": row.problem,
        "solution": row.solution,
        "withheld_reason": row.withheld_reason,
        "edits-TOTAL_FORMS": "0",
        "edits-INITIAL_FORMS": "0",
        "edits-MIN_NUM_FORMS": "0",
        "edits-MAX_NUM_FORMS": "1000",
        **({"withheld": "on"} if row.withheld else {}),
        **changes,
    }
    if changes.get("withheld") is False:
        data.pop("withheld")
    return client.post(reverse("admin:solutions_solution_change", args=[row.pk]), data)


def test_change_page_shows_the_ticket_link_beside_the_texts(world, client_for, published):
    client = client_for(world.analyst)
    html = client.get(reverse("admin:solutions_solution_change", args=[published.pk])).content.decode()
    assert reverse("admin:tickets_ticket_change", args=[published.ticket_id]) in html
    assert published.ticket.number in html and SOLUTION in html
    listing = client.get(reverse("admin:solutions_solution_changelist"), {"withheld__exact": "0"})
    assert listing.status_code == 200 and "Nota rejeitada" in listing.content.decode()


def test_withhold_needs_a_reason_then_release(world, client_for, published):
    client = client_for(world.analyst)
    response = post(client, published, withheld="on", withheld_reason="")
    assert response.status_code == 200 and "Diga por que" in response.content.decode()
    assert post(client, published, withheld="on", withheld_reason="Cita um cliente.").status_code == 302
    published.refresh_from_db()
    assert published.withheld and published.withheld_by == world.analyst
    assert post(client, published, withheld=False).status_code == 302
    published.refresh_from_db()
    assert not published.withheld


def test_edit_from_the_change_page_is_recorded(world, client_for, published):
    client = client_for(world.leader)
    assert post(client, published, solution="Atualize o pacote fiscal.").status_code == 302
    edit = Solution.objects.get(pk=published.pk).edits.get()
    assert edit.edited_by == world.leader and edit.solution_before == SOLUTION
