"""The portal's unread marker (a ticket with news since the person's last visit), the home page's
tickets waiting for the client first with what to do, and the paused clock's forecast (SLA-4)."""

import re

import pytest
import time_machine
from django.urls import reverse

from tests.helpers import at
from tickets import services
from tickets.models import TicketSeen

from .test_views import text

pytestmark = pytest.mark.django_db


def marked(response) -> set[str]:
    """The ticket numbers the page marks as having news."""
    html = response.content.decode()
    return set(re.findall(r'ticket-news-dot[^>]*></span><a href="/chamados/(\d{8})/"', html))


def test_news_marker_appears_for_someone_elses_public_entry_and_goes_once_the_page_is_opened(
    world, client_for, open_ticket
):
    ticket = open_ticket(world.contact.user)
    quiet = open_ticket(world.contact.user, summary="Outro assunto sem novidade")
    client = client_for(world.contact.user)
    assert marked(client.get(reverse("ticket-list"))) == set()  # own opening is no news

    services.ticket_reply(actor=world.analyst, ticket=ticket, body="Pode enviar o XML?")
    listing = client.get(reverse("ticket-list"))
    assert marked(listing) == {ticket.number}
    assert "novidade" in text(listing)
    assert marked(client.get(reverse("home"))) == {ticket.number}

    assert client.get(reverse("ticket-detail", args=[ticket.number])).status_code == 200
    assert TicketSeen.objects.filter(user=world.contact.user, ticket=ticket).exists()
    assert marked(client.get(reverse("ticket-list"))) == set()
    assert quiet.number not in marked(client.get(reverse("ticket-list")))


def test_news_marker_ignores_internal_notes_and_own_messages_but_counts_status_changes(
    world, client_for, open_ticket
):
    ticket = open_ticket(world.contact.user)
    client = client_for(world.contact.user)
    client.get(reverse("ticket-detail", args=[ticket.number]))
    services.ticket_reply(actor=world.analyst, ticket=ticket, body="Nota só da equipe.", internal=True)
    services.ticket_reply(actor=world.contact.user, ticket=ticket, body="Mais um detalhe.")
    assert marked(client.get(reverse("ticket-list"))) == set()
    services.ticket_transition(actor=world.analyst, ticket=ticket, to_status="in_analysis", reason="")
    assert marked(client.get(reverse("ticket-list"))) == {ticket.number}
    # Per person: a colleague who sees the company's tickets has their own last visit.
    admin = client_for(world.admin.user)
    assert ticket.number in marked(admin.get(reverse("ticket-list") + "?escopo=empresa"))


def test_news_marker_costs_constant_queries(world, client_for, open_ticket, django_assert_max_num_queries):
    client = client_for(world.contact.user)
    for _ in range(3):
        services.ticket_reply(actor=world.analyst, ticket=open_ticket(world.contact.user), body="Novidade.")
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("ticket-list"))
    with django_assert_max_num_queries(12) as few_home:
        client.get(reverse("home"))
    for _ in range(20):
        services.ticket_reply(actor=world.analyst, ticket=open_ticket(world.contact.user), body="Novidade.")
    with django_assert_max_num_queries(8) as many:
        listing = client.get(reverse("ticket-list"))
    with django_assert_max_num_queries(12) as many_home:
        client.get(reverse("home"))
    assert len(marked(listing)) == 23
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many_home.captured_queries) == len(few_home.captured_queries)


def test_home_puts_tickets_waiting_for_the_client_first_with_what_to_do(world, client_for, open_ticket):
    asked = open_ticket(world.contact.user, summary="Pedido de dados antigo", now=at(2026, 3, 2, 10))
    proposed = open_ticket(world.contact.user, summary="Solução proposta antiga", now=at(2026, 3, 3, 10))
    for number in range(3):
        open_ticket(world.contact.user, summary=f"Chamado recente {number}", now=at(2026, 3, 9, 10 + number))
    services.ticket_transition(actor=world.analyst, ticket=asked, to_status="in_analysis", reason="")
    services.ticket_transition(actor=world.analyst, ticket=asked, to_status="pending_client", reason="O XML?")
    services.ticket_transition(actor=world.analyst, ticket=proposed, to_status="in_analysis", reason="")
    services.ticket_transition(
        actor=world.analyst, ticket=proposed, to_status="awaiting_validation", reason="Atualize o pacote."
    )
    home = client_for(world.contact.user).get(reverse("home"))
    first_two = [ticket.number for ticket in home.context["recent_tickets"][:2]]
    assert set(first_two) == {asked.number, proposed.number}
    html = home.content.decode()
    assert f'href="/chamados/{asked.number}/#responder"' in html
    assert f'href="/chamados/{proposed.number}/#validar"' in html
    page = text(home)
    assert "A equipe aguarda a sua resposta." in page and "Responder" in page
    assert "Há uma solução proposta esperando a sua validação." in page and "Validar a solução" in page


def test_sla4_paused_clock_shows_time_used_left_and_when_it_resumes(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))  # critical: 10 business hours
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o XML.",
        now=at(2026, 3, 10, 12),
    )
    client = client_for(world.contact.user)
    with time_machine.travel(at(2026, 3, 10, 15), tick=False):
        page = text(client.get(reverse("ticket-detail", args=[ticket.number])))
        listing = text(client.get(reverse("ticket-list")))
    assert "usadas 2 h, restam 8 h." in page
    assert "O relógio retoma quando você responder." in page
    # 8 business hours from Tue 15:00 (07:00–19:00): Wed 11:00.
    assert "Se você responder agora, a previsão passa a ser 11/03/2026 11:00 (horário de Brasília)." in page
    assert "relógio parado retoma quando você responder" in listing


def test_sla4_paused_in_validation_says_it_resumes_on_rejection(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Feito.",
        now=at(2026, 3, 10, 11),
    )
    with time_machine.travel(at(2026, 3, 10, 15), tick=False):
        page = text(client_for(world.contact.user).get(reverse("ticket-detail", args=[ticket.number])))
    assert "O relógio retoma se você recusar a solução ou escrever uma mensagem." in page
    assert "Se retomasse agora, a previsão seria 11/03/2026 12:00 (horário de Brasília)." in page
