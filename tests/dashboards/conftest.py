"""A small crafted dataset for the leaders' dashboard: tickets with exactly the fields a panel reads."""

from itertools import count

import pytest

from tests.factories import TeamFactory
from tests.helpers import at
from tickets.models import Ticket

NUMBERS = count(70000001)


@pytest.fixture
def make_ticket(world, catalogue, open_ticket):
    """`make_ticket(team=…, status=…, created_at=…, …)`: a copy of one ticket opened through the
    service, with the given fields. The template itself is closed long ago on a team of its own, so
    it is outside every figure of the period."""
    template = open_ticket(world.contact.user)
    Ticket.objects.filter(pk=template.pk).update(
        team=TeamFactory(name="Modelo", slug="modelo"),
        status=Ticket.Status.CLOSED,
        created_at=at(2020, 1, 2, 10),
        closed_at=at(2020, 1, 3, 10),
        sla_due_at=None,
    )
    defaults = {
        "team": catalogue.team,
        "status": Ticket.Status.IN_ANALYSIS,
        "sla_paused": False,
        "sla_due_at": None,
        "sla_risk_at": None,
        "sla_breached_at": None,
        "closed_at": None,
    }

    def make(**fields):
        ticket = Ticket.objects.get(pk=template.pk)
        ticket.pk = None
        ticket.number = str(next(NUMBERS))
        for name, value in {**defaults, **fields}.items():
            setattr(ticket, name, value)
        ticket.status_changed_at = ticket.created_at
        ticket.save()
        return ticket

    return make
