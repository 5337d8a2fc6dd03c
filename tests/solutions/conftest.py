"""Tickets solved through the services, for the solutions tests: opened by a contact, a solution
proposed by the analyst, then accepted by the client (or not)."""

from __future__ import annotations

import pytest

from tests.helpers import at
from tickets import services


@pytest.fixture
def solve(world, open_ticket, django_capture_on_commit_callbacks):
    """`solve(actor, summary=..., description=..., solution=..., accept=True)`: a ticket closed as
    accepted (or left awaiting validation with accept=False)."""

    def _solve(actor=None, *, summary, description, solution, accept=True, **overrides):
        actor = actor or world.contact.user
        ticket = open_ticket(
            actor, summary=summary, description=description, now=at(2026, 3, 10, 10), **overrides
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.ticket_transition(
                actor=world.analyst,
                ticket=ticket,
                to_status="awaiting_validation",
                reason=solution,
                now=at(2026, 3, 10, 12),
            )
            if accept:
                services.ticket_accept_solution(actor=actor, ticket=ticket, now=at(2026, 3, 11, 9))
        ticket.refresh_from_db()
        return ticket

    return _solve
