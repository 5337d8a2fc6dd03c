"""OPS-1 under a real race (PostgreSQL, threads): the ACP-4 auto-close against a client reply.

Each round releases both at once. Either the reply lands first (the ticket goes back to analysis
and is not closed) or the ticket closes first and the reply becomes a follow-up (TKT-9). The
client's words are never lost and the ticket never ends in a contradictory state.
"""

from datetime import timedelta

import pytest
from django.db import connection

from tests.helpers import at, race
from tickets import jobs, services
from tickets.models import Message, Ticket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]
ROUNDS = 100


def _race(*calls):
    """What the calls raised, racing each other (nothing: every one returned)."""
    return [error for error in race(*calls, timeout=60) if error is not None]


def test_ops1_auto_close_racing_a_client_reply_never_loses_the_reply(world, open_ticket):
    opened = at(2026, 3, 10, 10)
    tickets = []
    for _ in range(ROUNDS):
        ticket = open_ticket(world.contact.user, now=opened)
        services.ticket_transition(
            actor=world.analyst, ticket=ticket, to_status="awaiting_validation", reason="Solução", now=opened
        )
        tickets.append(ticket)
    after_deadline = opened + timedelta(days=16)
    outcomes = {"reply_first": 0, "closed_first": 0}

    for round_, ticket in enumerate(tickets):
        words = f"Resposta do cliente na rodada {round_}"
        errors = _race(
            lambda: jobs.acceptance_autoclose(now=after_deadline),
            lambda ticket=ticket, words=words: services.ticket_reply(
                actor=world.contact.user, ticket=ticket, body=words, now=after_deadline
            ),
        )
        assert errors == []
        ticket.refresh_from_db()
        on_ticket = Message.objects.filter(ticket=ticket, body=words).exists()
        follow_ups = list(Ticket.objects.filter(follow_up_of=ticket))
        if ticket.status == "closed":
            # Closed first: the reply is the follow-up's description, not a message of the closed ticket.
            assert not on_ticket
            assert [f.description for f in follow_ups] == [words]
            assert follow_ups[0].status == "new"
            outcomes["closed_first"] += 1
        else:
            # Reply first: the ticket is back in analysis, the job left it alone, nothing was forked.
            assert ticket.status == "in_analysis"
            assert on_ticket and follow_ups == []
            assert ticket.closed_at is None and ticket.auto_action_at is None
            outcomes["reply_first"] += 1
        statuses = list(ticket.events.filter(kind="status").values_list("to_value", flat=True))
        assert statuses[-1] == ticket.status  # the history agrees with the row
    assert sum(outcomes.values()) == ROUNDS
