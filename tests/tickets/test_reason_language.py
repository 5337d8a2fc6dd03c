"""The reasons the portal writes itself on a ticket's history (TKT-6) are kept in the source language
and shown in the reader's: a job runs in Portuguese and a client may write in English, while the
history is read by both. The e-mail a job sends carries its reason in the recipient's language."""

import pytest
from django.core import mail
from django.utils import translation

from tests.helpers import at
from tickets import jobs, selectors, services
from tickets.models import Ticket, TicketEvent
from tickets.presenters.timeline import ticket_timeline

pytestmark = pytest.mark.django_db
S = Ticket.Status


def _history(user, ticket, language):
    with translation.override(language):
        entries = ticket_timeline(
            selectors.ticket_messages(user, ticket), selectors.ticket_events(user, ticket)
        )
        return [(entry.text, entry.title, entry.change, entry.reason) for entry in entries if entry.event]


def _waiting(world, open_ticket, to_status, *, reason="Envie o log, por favor."):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 2, 10))
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status=to_status, reason=reason, now=at(2026, 3, 2, 11)
    )
    return ticket


def test_tkt6_a_reply_by_a_client_who_reads_english_reads_in_each_readers_language(world, open_ticket):
    world.contact.user.language = "en"
    world.contact.user.save(update_fields=["language"])
    ticket = _waiting(world, open_ticket, S.PENDING_CLIENT)
    with translation.override("en"):  # the client's request runs in English
        services.ticket_reply(
            actor=world.contact.user, ticket=ticket, body="Log attached.", now=at(2026, 3, 3, 9)
        )
    event = ticket.events.filter(kind="status").last()
    assert event.reason == "Resposta do cliente"
    reasons = [reason for _text, _title, _change, reason in _history(world.analyst, ticket, "pt-br")]
    assert "Resposta do cliente" in reasons and "Client reply" not in reasons
    reasons = [reason for _text, _title, _change, reason in _history(world.contact.user, ticket, "en")]
    assert "Client reply" in reasons and "Resposta do cliente" not in reasons
    # What a person typed is shown as typed, in every language.
    assert "Envie o log, por favor." in reasons


def test_tkt8_acp4_the_jobs_tell_an_english_requester_why_in_english(
    world, open_ticket, django_capture_on_commit_callbacks
):
    world.contact.user.language = "en"
    world.contact.user.save(update_fields=["language"])
    ticket = _waiting(world, open_ticket, S.PENDING_CLIENT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), translation.override("pt-br"):
        assert jobs.pending_client_timeout(now=at(2026, 3, 31, 12)).changed == 1
        assert jobs.acceptance_autoclose(now=at(2026, 4, 30, 12)).changed == 1
    reasons = [event.reason for event in ticket.events.filter(kind="status").order_by("pk")][-2:]
    assert reasons == [
        "Sem resposta do cliente em 7 dias úteis",
        "Encerrado automaticamente: o prazo de validação terminou",
    ]
    (proposed,) = [m for m in mail.outbox if ticket.number in m.subject and "awaiting" in m.subject]
    assert "No reply from the client in 7 business days" in proposed.body
    assert "Sem resposta do cliente" not in proposed.body and "waited for your reply" in proposed.body
    shown = [reason for _text, _title, _change, reason in _history(world.contact.user, ticket, "en")]
    assert shown[-2:] == [
        "No reply from the client in 7 business days",
        "Closed automatically: the validation deadline has ended",
    ]


def test_acp3_a_postponement_tells_its_dates_in_the_readers_words_not_a_stored_sentence(world, open_ticket):
    ticket = _waiting(world, open_ticket, S.AWAITING_VALIDATION, reason="Corrigido na versão 12.1.")
    services.ticket_postpone_acceptance(actor=world.contact.user, ticket=ticket, now=at(2026, 3, 10, 9))
    event = ticket.events.get(kind=TicketEvent.Kind.POSTPONED)
    assert event.reason == ""
    (postponed,) = [row for row in _history(world.analyst, ticket, "en") if "postponed" in row[0]]
    text, title, change, reason = postponed
    assert title == "Validation deadline postponed" and reason == ""
    # Local dates and times, not the stored ISO instants.
    assert "T" not in change and "+00:00" not in change and " → " in change
    assert change.split(" → ")[1] in text


def test_tkt9_a_follow_up_from_an_english_clients_reply_is_titled_in_english(world, open_ticket):
    world.contact.user.language = "en"
    world.contact.user.save(update_fields=["language"])
    ticket = _waiting(world, open_ticket, S.AWAITING_VALIDATION, reason="Corrigido na versão 12.1.")
    services.ticket_accept_solution(actor=world.contact.user, ticket=ticket, now=at(2026, 3, 3, 9))
    with translation.override("pt-br"):  # a reply by e-mail: the worker runs in Portuguese
        message = services.ticket_reply(
            actor=world.contact.user, ticket=ticket, body="It happened again.", now=at(2026, 3, 3, 10)
        )
    assert message.ticket.summary == f"Follow-up to ticket {ticket.number}: {ticket.summary}"
