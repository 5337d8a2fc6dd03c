"""Every consultancy route of the REST API as every role (API-1, TEN-2, TEN-3, ACC-5): the statuses of
a contact with and without the consultancy permission, the company's administrator, the partner
consultant, Beta's administrator (the very 404 of a missing id), an analyst and a leader."""

import pytest
from django.db import transaction

from accounts.models import User

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": "Não encontrado.", "code": "not_found"}
ROLES = ("contact", "acceptor", "admin", "partner", "other", "analyst", "leader")


def row(*statuses: int) -> dict[str, int]:
    """A status per role: contact (no consultancy permission), acceptor (a contact holding it),
    company administrator, partner consultant, Beta's administrator, analyst, leader."""
    return dict(zip(ROLES, statuses, strict=True))


@pytest.fixture
def people(world, acceptor) -> dict[str, User]:
    return {
        "contact": world.contact.user,
        "acceptor": acceptor.user,
        "admin": world.admin.user,
        "partner": world.partner,
        "other": world.other_admin.user,
        "analyst": world.analyst,
        "leader": world.leader,
    }


@pytest.fixture
def state_of(ticket, requested, offered, accepted, session_of):
    """The ids a route needs, with the consultancy of the contact's ticket at the given step."""

    def build(state):
        if state is None:
            return {}
        if state == "ticket":
            return {"number": ticket.number}
        consultancy = {"requested": requested, "offered": offered}.get(state, accepted)()
        objects = {"number": ticket.number, "consultancy": consultancy.pk}
        if state == "session":
            session = session_of(consultancy, 7)
            objects.update(session=session.pk, entry=session.entries.get().pk)
        return objects

    return build


CONSULTANCY = "/api/v1/consultancies/{consultancy}/"
ENTRY = {"started_at": "2026-11-10T14:00:00-03:00", "ended_at": "2026-11-10T14:07:00-03:00"}
# name: (state, method, path, body, expected status per role)
ENDPOINTS = {
    "ask": (
        "ticket",
        "post",
        "/api/v1/tickets/{number}/consultancy/",
        {"modality": "module", "situation": "not_reproduced"},
        row(403, 404, 403, 403, 404, 201, 201),
    ),
    "list": ("offered", "get", "/api/v1/consultancies/", None, row(200, 200, 200, 200, 200, 200, 200)),
    "detail": ("offered", "get", CONSULTANCY, None, row(200, 200, 200, 200, 404, 200, 200)),
    "approve": ("requested", "post", CONSULTANCY + "approve/", None, row(404, 404, 404, 404, 404, 403, 200)),
    "refuse": (
        "requested",
        "post",
        CONSULTANCY + "refuse/",
        {"reason": "Reproduzido no padrão."},
        row(404, 404, 404, 404, 404, 403, 200),
    ),
    "accept": ("offered", "post", CONSULTANCY + "accept/", None, row(403, 200, 200, 403, 404, 403, 403)),
    "decline": (
        "offered",
        "post",
        CONSULTANCY + "decline/",
        {"reason": "Sem orçamento."},
        row(403, 200, 200, 403, 404, 403, 403),
    ),
    "sessions": (
        "accepted",
        "post",
        CONSULTANCY + "sessions/",
        {"scheduled_for": "2026-11-10T09:00:00-03:00"},
        row(403, 403, 403, 403, 404, 201, 201),
    ),
    "finish": (
        "accepted",
        "post",
        CONSULTANCY + "finish/",
        {"finding": "no_defect"},
        row(403, 403, 403, 403, 404, 200, 200),
    ),
    "entries": (
        "session",
        "post",
        "/api/v1/consultancy-sessions/{session}/entries/",
        {**ENTRY, "description": "Conferência."},
        row(403, 403, 403, 403, 404, 201, 201),
    ),
    "correct": (
        "session",
        "post",
        "/api/v1/consultancy-entries/{entry}/correct/",
        {**ENTRY, "description": "Conferência.", "reason": "Horário trocado."},
        row(403, 403, 403, 403, 404, 403, 200),
    ),
    # Staff choose a company or a unit (400 without one); clients read their own.
    "statement": (
        None,
        "get",
        "/api/v1/consultancy-statement/?month=2026-11",
        None,
        row(*[200] * 5, 400, 400),
    ),
    "rates": (None, "get", "/api/v1/consultancy-rates/", None, row(*[403] * 5, 200, 200)),
    "igpm": (
        None,
        "post",
        "/api/v1/consultancy-rates/igpm/",
        {"percentage": "4.25", "valid_from": "2027-01-01"},
        row(*[403] * 6, 201),
    ),
}
MISSING = {"number": "00000000", "consultancy": 999999, "session": 999999, "entry": 999999}


def call(client, method, url, body):
    return client.post(url, body or {}, format="json") if method == "post" else client.get(url)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_api1_ten2_every_consultancy_route_as_every_role(endpoint, state_of, people, api_for):
    """Each role on a fresh copy of the state (a rolled-back savepoint each); Beta's administrator
    gets the very 404 of a missing id, and anonymous calls a 401."""
    state, method, path, body, expected = ENDPOINTS[endpoint]
    url = path.format(**state_of(state))
    statuses = {}
    for role, user in people.items():
        with transaction.atomic():
            response = call(api_for(user), method, url, body)
            transaction.set_rollback(True)
        statuses[role] = response.status_code
        if response.status_code == 404:
            assert response.json() == NOT_FOUND
            missing = call(api_for(user), method, path.format(**MISSING), body)
            assert (missing.status_code, missing.json()) == (404, NOT_FOUND)
    assert statuses == expected
    assert call(api_for(None), method, url, body).status_code == 401
