"""The validation card quotes the solution the client is asked to validate (ACP-1), instead of
sending them to "the last message below"."""

import re

import pytest
from django.urls import reverse

from tests.helpers import at
from tickets import services
from tickets.models import Message, TicketEvent

pytestmark = pytest.mark.django_db

PROPOSAL = "Ajustamos o parâmetro MV_NFEDUP.\nReenvie a nota 124."


@pytest.fixture
def proposed(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 16, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="in_analysis",
        reason="Analisando.",
        now=at(2026, 11, 16, 11),
    )
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason=PROPOSAL,
        now=at(2026, 11, 17, 10),
    )
    return ticket


def _card(client, ticket) -> str:
    html = client.get(reverse("ticket-detail", args=[ticket.number])).content.decode()
    return re.search(r'<section[^>]*id="validar".*?</section>', html, re.S).group(0)


def test_the_card_quotes_the_proposed_solution_with_who_and_when(world, proposed, client_for):
    card = _card(client_for(world.contact.user), proposed)
    assert "Ajustamos o parâmetro MV_NFEDUP.<br>Reenvie a nota 124." in card
    assert f"Solução proposta por {world.analyst.full_name} em 17/11/2026 10:00:" in card
    assert "última mensagem" not in card


def test_after_a_rejection_the_card_quotes_the_new_proposal(world, proposed, client_for):
    services.ticket_reject_solution(
        actor=world.contact.user, ticket=proposed, reason="Continua.", now=at(2026, 11, 17, 12)
    )
    services.ticket_transition(
        actor=world.analyst,
        ticket=proposed,
        to_status="awaiting_validation",
        reason="Corrigimos também a série 2.",
        now=at(2026, 11, 18, 10),
    )
    card = _card(client_for(world.contact.user), proposed)
    assert "Corrigimos também a série 2." in card and "MV_NFEDUP" not in card


def test_a_move_without_a_reason_quotes_the_staff_message_written_with_it(world, proposed, client_for):
    event = TicketEvent.objects.get(ticket=proposed, to_value="awaiting_validation")
    TicketEvent.objects.filter(pk=event.pk).update(reason="")
    Message.objects.filter(ticket=proposed, body=PROPOSAL).delete()
    Message.objects.create(
        ticket=proposed,
        author=world.analyst,
        body="Texto da mensagem da proposta.",
        created_at=event.created_at,
    )
    card = _card(client_for(world.contact.user), proposed)
    assert "Texto da mensagem da proposta." in card
