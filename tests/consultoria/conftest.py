"""Fixtures of the consultancy tests: a ticket of Alfa, and its consultancy at each step."""

from datetime import timedelta
from decimal import Decimal

import pytest

from consultoria import services
from consultoria.models import Consultancy, Modality, Rate
from tests.api.conftest import api_for  # noqa: F401  (the API client fixture, for tests/consultoria/test_api*.py)
from tests.factories import ContactFactory
from tests.helpers import at


@pytest.fixture
def modality():
    """Modalities by code (seeded by the migration with their billing rules)."""
    return lambda code: Modality.objects.get(code=code)


@pytest.fixture
def ticket(world, open_ticket):
    """A standard ticket of Alfa opened by its contact on Mon 2026-11-09 10:00."""
    return open_ticket(world.contact.user, now=at(2026, 11, 9, 10))


@pytest.fixture
def requested(world, ticket, modality):
    def _request(code="module", **extra):
        return services.consultancy_request(
            actor=world.analyst,
            ticket=ticket,
            modality=modality(code),
            situation=Consultancy.Situation.NOT_REPRODUCED,
            note="Não reproduz no ambiente padrão.",
            now=at(2026, 11, 9, 11),
            **extra,
        )

    return _request


@pytest.fixture
def offered(world, requested, django_capture_on_commit_callbacks):
    def _offer(code="module"):
        consultancy = requested(code)
        with django_capture_on_commit_callbacks(execute=True):
            services.consultancy_approve(actor=world.leader, consultancy=consultancy, now=at(2026, 11, 9, 12))
        consultancy.refresh_from_db()
        return consultancy

    return _offer


@pytest.fixture
def accepted(world, offered):
    def _accept(code="module"):
        consultancy = offered(code)
        services.term_accept(
            actor=world.admin.user, consultancy=consultancy, address="203.0.113.7", now=at(2026, 11, 9, 13)
        )
        consultancy.refresh_from_db()
        return consultancy

    return _accept


@pytest.fixture
def session_of(world):
    """A session on Tue 2026-11-10 09:00 with entries of the given minutes (by the analyst)."""

    def _session(consultancy, *minutes, day=10):
        session = services.session_schedule(
            actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, day, 9)
        )
        start = at(2026, 11, day, 9)
        for length in minutes:
            services.entry_record(
                actor=world.analyst,
                session=session,
                started_at=start,
                ended_at=start + timedelta(minutes=length),
                description="Análise do dicionário de dados.",
            )
            start += timedelta(minutes=length + 5)
        return session

    return _session


def price(code) -> Decimal:
    return Rate.objects.filter(modality__code=code).order_by("-valid_from").first().price_per_minute


@pytest.fixture
def consultancy_for(world, modality):
    """Take any ticket through the steps: `consultancy_for(ticket, "technical", until="accepted")`
    (asked by the analyst, approved by the leader, accepted by who may accept it)."""
    from accounts import access

    def _consultancy(ticket, code="technical", *, until="accepted"):
        consultancy = services.consultancy_request(
            actor=world.analyst,
            ticket=ticket,
            modality=modality(code),
            situation=Consultancy.Situation.ISOLATED,
            now=at(2026, 11, 9, 11),
        )
        services.consultancy_approve(actor=world.leader, consultancy=consultancy, now=at(2026, 11, 9, 12))
        consultancy.refresh_from_db()
        if until == "accepted":
            [acceptor, *_others] = access.consultancy_term_acceptors(consultancy)
            services.term_accept(actor=acceptor, consultancy=consultancy, now=at(2026, 11, 9, 13))
            consultancy = Consultancy.objects.get(pk=consultancy.pk)
        return consultancy

    return _consultancy


@pytest.fixture
def partner_ticket(world, open_ticket):
    """A ticket of Alfa opened by the partner consultant (its consultancy is billed to the unit, CON-4)."""
    return open_ticket(world.partner, company=world.company, now=at(2026, 11, 9, 10))


@pytest.fixture
def acceptor(world):
    """A contact of Alfa holding the consultancy permission (ACC-5), who sees only their own tickets."""
    return ContactFactory(
        company=world.company, can_authorize_consultancy=True, user__email="ok@alfa.example"
    )
