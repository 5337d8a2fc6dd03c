"""CHN-1 / OPS-2: ticket e-mails over a real SMTP server thread per ticket, answer to a signed
reply address and carry plain-text and HTML parts; other e-mails carry no reply token."""

import environ
import pytest
from django.core import mail

from inbox.tokens import parse_reply_address, parse_thread_references, thread_message_id
from outbox.models import OutboxEmail
from outbox.services import email_enqueue, outbox_message
from tickets import services

pytestmark = pytest.mark.django_db

INVITATION = {
    "contact_name": "Ana",
    "company_name": "Alfa",
    "invited_by": "Bia",
    "activation_url": "http://x/ativar/t/",
    "valid_days": 7,
}


def _parts(message):
    return {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}


def test_chn1_a_ticket_email_threads_per_ticket_and_answers_to_the_signed_address(
    world, open_ticket, smtp_server
):
    ticket = open_ticket(world.contact.user)
    assert mail.outbox == []  # really sent over SMTP, not kept by Django's test outbox
    [message] = smtp_server.to("contato@alfa.example")
    row = OutboxEmail.objects.get(template="tickets/opened")
    assert message["Message-ID"] == f"<outbox-{row.pk}@portal.example>"
    root = thread_message_id(ticket.number)
    assert message["In-Reply-To"] == root and message["References"] == root
    assert parse_thread_references(message["References"]) == ticket.number
    token = parse_reply_address(str(message["Reply-To"]))
    assert token is not None
    assert (token.ticket_number, token.user_id) == (ticket.number, world.contact.user.pk)
    assert message["Auto-Submitted"] == "auto-generated"
    assert ticket.number in message["Subject"]
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    assert ticket.number in parts["text/plain"] and ticket.number in parts["text/html"]
    assert "<p>" in parts["text/html"] and "<p>" not in parts["text/plain"]


def test_chn1_every_email_of_a_ticket_names_the_same_thread_root(
    world, open_ticket, smtp_server, django_capture_on_commit_callbacks
):
    first = open_ticket(world.contact.user)
    second = open_ticket(world.contact.user, summary="Outro problema na emissão de boletos")
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(actor=world.analyst, ticket=first, body="Pode enviar o log?")
    by_subject = {m["Subject"]: m for m in smtp_server.to("contato@alfa.example")}
    assert len(by_subject) == 3
    roots = {m["References"] for m in by_subject.values()}
    assert roots == {thread_message_id(first.number), thread_message_id(second.number)}
    assert len({m["Message-ID"] for m in by_subject.values()}) == 3


def test_chn1_a_non_ticket_email_carries_no_reply_token(db, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="nova@alfa.example", template="accounts/invitation", context=INVITATION)
    [message] = smtp_server.messages
    assert message["Reply-To"] is None and message["In-Reply-To"] is None and message["References"] is None
    assert message["Message-ID"].startswith("<outbox-")
    assert set(_parts(message)) == {"text/plain", "text/html"}


def test_chn1_staff_recipients_get_the_thread_but_no_reply_token(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    row = email_enqueue(
        to=world.analyst.email,
        template="tickets/new_message",
        context={"name": "Helena", "number": ticket.number, "summary": "x", "body": "y", "ticket_path": "/"},
    )
    message = outbox_message(row).message()
    assert message["References"] == thread_message_id(ticket.number)
    assert message["Reply-To"] is None


def test_ops2_a_retried_email_keeps_its_message_id(world, open_ticket):
    open_ticket(world.contact.user)
    row = OutboxEmail.objects.get(template="tickets/opened")
    assert outbox_message(row).message()["Message-ID"] == outbox_message(row).message()["Message-ID"]


@pytest.mark.parametrize(
    ("url", "tls", "ssl", "port"),
    [
        ("smtp+tls://u:p@smtp.example.com:587", True, False, 587),
        ("smtp+ssl://u:p@smtp.example.com:465", False, True, 465),
    ],
)
def test_email_url_selects_starttls_or_ssl(url, tls, ssl, port):
    config = environ.Env.email_url_config(url)
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config.get("EMAIL_USE_TLS", False), config.get("EMAIL_USE_SSL", False), config["EMAIL_PORT"]) == (
        tls,
        ssl,
        port,
    )
