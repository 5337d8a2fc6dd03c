"""CHN-1, ACC-4, ACC-6: what an incoming message does, through the one service and the MTA pipe
(`manage.py inbound_mail`); who may write by e-mail; automatic messages; one apply per Message-ID."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import Company
from inbox.models import InboundMessage
from inbox.services import imap_config, inbound_message_process
from inbox.tokens import reply_address
from outbox.models import OutboxEmail
from tests.factories import ContactFactory
from tests.helpers import race
from tickets.models import Attachment, Message, Ticket

from .mails import dsn, mail

pytestmark = pytest.mark.django_db
Outcome = InboundMessage.Outcome


def process(raw: bytes) -> InboundMessage:
    return inbound_message_process(raw, source=InboundMessage.Source.PIPE).record


def reply(ticket, user, body="Segue o log.", **extra) -> bytes:
    return mail(sender=user.email, to=reply_address(ticket.number, user.pk), body=body, **extra)


def refusals() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(template="inbox/refused"))


def test_the_partner_consultant_serving_the_company_writes_by_email(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    record = process(mail(sender=world.partner.email, to=reply_address(ticket.number, world.contact.user.pk)))
    assert record.outcome == Outcome.MESSAGE
    assert Message.objects.get(ticket=ticket).author == world.partner


def test_a_see_own_contact_cannot_write_on_a_colleagues_ticket(world, open_ticket):
    ticket = open_ticket(world.admin.user)
    assert not world.contact.can_see_company_tickets
    record = process(reply(ticket, world.contact.user))
    assert record.outcome == Outcome.REFUSED and "não pode agir" in record.reason
    assert not Message.objects.filter(ticket=ticket).exists()
    assert len(refusals()) == 1


def test_an_inactive_contact_is_refused(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    world.contact.user.is_active = False
    world.contact.user.save()
    record = process(reply(ticket, world.contact.user))
    assert record.outcome == Outcome.REFUSED and "inativo" in record.reason
    assert not Message.objects.filter(ticket=ticket).exists()


def test_a_follow_up_by_email_keeps_the_financial_pendency_rule(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.CLOSED)
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    record = process(reply(ticket, world.contact.user, body="Voltou a falhar."))
    assert record.outcome == Outcome.REFUSED and "pendência financeira" in record.reason
    assert not Ticket.objects.filter(follow_up_of=ticket).exists()
    [refusal] = refusals()
    assert "pendência financeira" in refusal.body_text  # their own company's state, to their own mailbox


def test_an_analyst_answers_in_the_back_office_not_by_email(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    record = process(mail(sender=world.analyst.email, to=reply_address(ticket.number, world.contact.user.pk)))
    assert record.outcome == Outcome.REFUSED
    assert not Message.objects.filter(ticket=ticket).exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"Precedence": "list"},
        {"X-Autoreply": "yes"},
        {"Return-Path": "<>"},
    ],
    ids=lambda headers: ":".join(headers.items().__iter__().__next__()),
)
def test_auto_replies_and_bounces_are_recorded_and_never_answered(world, open_ticket, headers):
    ticket = open_ticket(world.contact.user)
    record = process(reply(ticket, world.contact.user, body="Estou fora do escritório.", headers=headers))
    assert record.outcome == Outcome.REFUSED and "automática" in record.reason and not record.refusal_sent
    assert refusals() == [] and not Message.objects.filter(ticket=ticket).exists()


def test_a_delivery_status_notification_is_a_bounce(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    record = process(dsn(to=reply_address(ticket.number, world.contact.user.pk), original_subject="Chamado"))
    assert record.outcome == Outcome.REFUSED and "multipart/report" in record.reason
    assert refusals() == []


def test_auto_submitted_no_is_a_person_writing(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    record = process(reply(ticket, world.contact.user, headers={"Auto-Submitted": "no"}))
    assert record.outcome == Outcome.MESSAGE


def test_an_html_only_reply_keeps_the_new_text_without_the_quote(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    raw = mail(
        sender=world.contact.user.email,
        to=reply_address(ticket.number, world.contact.user.pk),
        body="",
        html=(
            "<div dir='ltr'>Segue a tela.<br>Obrigado!</div><br><div class='gmail_quote'>"
            "<div class='gmail_attr'>Em ter., 1 de dez., Portal escreveu:</div>"
            "<blockquote>Olá, chamado antigo</blockquote></div>"
        ),
    )
    # Some clients send only HTML: drop the empty text part.
    raw = raw.replace(b"Content-Type: text/plain", b"Content-Type: text/x-empty")
    process(raw)
    assert Message.objects.get(ticket=ticket).body == "Segue a tela.\nObrigado!"


def test_a_message_without_a_ticket_is_recorded_and_answered_with_what_is_missing(world, catalogue):
    record = process(
        mail(sender=world.contact.user.email, subject="Erro ao emitir boleto", body="O boleto não sai.")
    )
    assert record.outcome == Outcome.NEEDS_INFO and record.ticket is None
    assert not Ticket.objects.exists()  # the catalogue answers are never invented
    [answer] = OutboxEmail.objects.filter(template="inbox/needs_info")
    assert answer.to == [world.contact.user.email]
    assert "/chamados/novo/?resumo=Erro+ao+emitir+boleto" in answer.body_text
    assert "produto" in answer.body_text and "O boleto não sai." in answer.body_text


def test_a_message_without_a_ticket_follows_the_opening_rules(world, catalogue):
    no_permission = ContactFactory(
        company=world.company, can_open_tickets=False, user__email="sem@alfa.example"
    )
    record = process(mail(sender=no_permission.user.email, subject="Erro"))
    assert record.outcome == Outcome.REFUSED and "permissão" in record.reason
    Company.objects.filter(pk=world.company.pk).update(financial_status=Company.FinancialStatus.PENDENCY)
    record = process(mail(sender=world.contact.user.email, subject="Erro"))
    assert record.outcome == Outcome.REFUSED and "pendência financeira" in record.reason
    record = process(mail(sender="ninguem@desconhecido.example", subject="Erro"))
    assert record.outcome == Outcome.REFUSED and "desconhecido" in record.reason
    assert len(refusals()) == 3


def test_the_mta_pipe_exits_zero_on_success_and_on_refusal(world, open_ticket, monkeypatch, capsys):
    ticket = open_ticket(world.contact.user)
    for raw in (reply(ticket, world.contact.user), mail(sender="x@desconhecido.example")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        call_command("inbound_mail")  # no exception: exit status 0
    assert list(InboundMessage.objects.order_by("received_at").values_list("outcome", flat=True)) == [
        Outcome.MESSAGE,
        Outcome.REFUSED,
    ]
    out = capsys.readouterr().out
    assert "mensagem no chamado" in out and "recusada (Remetente desconhecido" in out


def test_the_mta_pipe_fails_only_on_a_broken_input(monkeypatch, db):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(CommandError):
        call_command("inbound_mail")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"just some words\n")))
    with pytest.raises(CommandError):
        call_command("inbound_mail")
    assert not InboundMessage.objects.exists()


def test_a_redelivered_message_is_applied_once(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    raw = reply(ticket, world.contact.user)
    first = inbound_message_process(raw, source="pipe")
    second = inbound_message_process(raw, source="imap")
    assert (first.duplicate, second.duplicate) == (False, True) and second.record.pk == first.record.pk
    assert Message.objects.filter(ticket=ticket).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_pollers_at_once_apply_a_message_once(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    raw = reply(ticket, world.contact.user, attachments=(("erro.log", b"ERRO 539", "text/plain"),))
    outcomes = race(*[lambda: inbound_message_process(raw, source="imap")] * 2, timeout=30)
    assert outcomes == [None, None]
    assert Message.objects.filter(ticket=ticket).count() == 1
    assert Attachment.objects.filter(ticket=ticket).count() == 1
    assert InboundMessage.objects.count() == 1


def test_queries_per_message_do_not_grow_with_its_files(world, open_ticket, django_assert_max_num_queries):
    ticket = open_ticket(world.contact.user)
    one = reply(ticket, world.contact.user, attachments=(("a.log", b"a", "text/plain"),))
    process(one)  # warm caches (content types, sites)
    few = reply(ticket, world.contact.user, attachments=(("b.log", b"b", "text/plain"),))
    many = reply(
        ticket, world.contact.user, attachments=tuple((f"{n}.log", b"x", "text/plain") for n in range(5))
    )
    with django_assert_max_num_queries(17) as few_queries:
        process(few)
    with django_assert_max_num_queries(21) as many_queries:
        process(many)
    assert len(many_queries.captured_queries) - len(few_queries.captured_queries) <= 4  # one INSERT per file
    stranger = mail(sender="x@desconhecido.example", to=reply_address(ticket.number, world.contact.user.pk))
    with django_assert_max_num_queries(12):
        process(stranger)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("imap://portal:s3nha@127.0.0.1:1143/INBOX", ("127.0.0.1", 1143, "portal", "s3nha", "INBOX", False)),
        (
            "imaps://suporte%40portal.example:p%2Fw@imap.example.com/Caixa%20de%20entrada",
            ("imap.example.com", 993, "suporte@portal.example", "p/w", "Caixa de entrada", True),
        ),
        ("imap://u:p@mail.example", ("mail.example", 143, "u", "p", "INBOX", False)),
    ],
)
def test_imap_url_is_parsed(url, expected):
    config = imap_config(url)
    assert (config.host, config.port, config.user, config.password, config.mailbox, config.ssl) == expected


def test_an_imap_url_of_another_scheme_is_refused():
    assert imap_config("") is None
    with pytest.raises(ValueError, match="IMAP_URL"):
        imap_config("pop3://u:p@mail.example")


def test_the_back_office_list_reads_a_constant_number_of_queries(
    world, open_ticket, client_for, django_assert_max_num_queries
):
    ticket = open_ticket(world.contact.user)
    for n in range(6):
        process(reply(ticket, world.contact.user, body=f"Mensagem {n}"))
        process(mail(sender=f"x{n}@desconhecido.example"))
    client = client_for(world.analyst)
    with django_assert_max_num_queries(12):
        response = client.get("/admin/inbox/inboundmessage/")
    assert response.status_code == 200 and "Remetente desconhecido" in response.content.decode()
    record = InboundMessage.objects.filter(outcome=Outcome.MESSAGE).first()
    assert client.get(f"/admin/inbox/inboundmessage/{record.pk}/change/").status_code == 200
    assert client_for(world.contact.user).get("/admin/inbox/inboundmessage/").status_code == 302
