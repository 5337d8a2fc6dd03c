"""CHN-1, TKT-7, TKT-9: replies delivered to a real IMAP mailbox (Dovecot, started by
scripts/test.sh) and polled like Celery beat does; refusals arrive at a real SMTP server."""

import pytest

from inbox.models import InboundMessage
from inbox.services import imap as imap_module
from inbox.services import imap_poll
from inbox.tokens import reply_address, thread_message_id
from tickets.models import Attachment, Message, Ticket

from .mails import gmail_reply, mail

pytestmark = pytest.mark.django_db
Outcome = InboundMessage.Outcome


@pytest.fixture
def poll(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return imap_poll()

    return run


def test_a_reply_to_an_open_ticket_becomes_the_clients_message_with_its_file(
    world, open_ticket, mailbox, smtp_server, poll
):
    ticket = open_ticket(world.contact.user)
    user = world.contact.user
    mailbox.deliver(
        mail(
            sender=f"Contato Alfa <{user.email.upper()}>",  # matched case-insensitively
            to=reply_address(ticket.number, user.pk),
            subject=f"Re: Chamado {ticket.number} aberto",
            body=gmail_reply("Segue o log do erro.\n\n-- \nContato da Alfa\n(11) 5555-0000"),
            attachments=(("erro.log", b"ERRO 539 rejeicao", "text/plain"),),
        )
    )
    report = poll()
    assert (report.fetched, report.applied) == (1, 1)
    message = Message.objects.get(ticket=ticket)
    assert message.author == user and message.body == "Segue o log do erro." and not message.is_internal
    attachment = Attachment.objects.get(message=message)
    assert (attachment.original_name, attachment.content_type) == ("erro.log", "text/plain")
    record = InboundMessage.objects.get()
    assert (record.outcome, record.ticket, record.author) == (Outcome.MESSAGE, ticket, user)
    assert (mailbox.count("INBOX"), mailbox.count("Processed")) == (0, 1)
    assert smtp_server.to(user.email) == [] or all(
        "Não foi possível" not in m["Subject"] for m in smtp_server.messages
    )


def test_a_reply_on_pending_client_sends_the_ticket_back_to_analysis(world, open_ticket, mailbox, poll):
    ticket = open_ticket(world.contact.user)
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.PENDING_CLIENT)
    # Threaded by In-Reply-To/References only (the client answered to the From address).
    root = thread_message_id(ticket.number)
    mailbox.deliver(
        mail(
            sender=world.contact.user.email,
            subject="Re: pendência",
            body="Versão 12.1.2410, produção.",
            headers={"In-Reply-To": root, "References": f"<x@cliente.example> {root}"},
        )
    )
    poll()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_ANALYSIS
    assert Message.objects.get(ticket=ticket).body == "Versão 12.1.2410, produção."


def test_a_reply_to_a_closed_ticket_opens_a_follow_up_with_a_new_number(world, open_ticket, mailbox, poll):
    ticket = open_ticket(world.contact.user)
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.CLOSED)
    mailbox.deliver(
        mail(
            sender=world.contact.user.email,
            to=reply_address(ticket.number, world.contact.user.pk),
            body="Voltou a falhar.",
        )
    )
    poll()
    follow_up = Ticket.objects.get(follow_up_of=ticket)
    assert follow_up.number != ticket.number and follow_up.description == "Voltou a falhar."
    assert follow_up.channel == "email"  # CHN-1
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED  # never reopened
    record = InboundMessage.objects.get()
    assert (record.outcome, record.ticket) == (Outcome.FOLLOW_UP, follow_up)


def test_a_refused_file_stores_nothing_and_the_sender_hears_why(
    world, open_ticket, mailbox, smtp_server, poll
):
    ticket = open_ticket(world.contact.user)
    mailbox.deliver(
        mail(
            sender=world.contact.user.email,
            to=reply_address(ticket.number, world.contact.user.pk),
            body="Segue o instalador.",
            attachments=(("setup.exe", b"MZ\x90\x00binary", "application/octet-stream"),),
        )
    )
    poll()
    assert not Message.objects.filter(ticket=ticket).exists()
    assert not Attachment.objects.filter(ticket=ticket).exists()
    record = InboundMessage.objects.get()
    assert record.outcome == Outcome.REFUSED and "tipo de arquivo" in record.reason
    [refusal] = [m for m in smtp_server.to(world.contact.user.email) if "Não foi possível" in m["Subject"]]
    text = refusal.get_body(preferencelist=("plain",)).get_content()
    assert "setup.exe" in text and ticket.number not in text
    assert refusal["Reply-To"] is None
    assert mailbox.count("Processed") == 1


def test_a_stranger_gets_one_polite_refusal_that_reveals_nothing(
    world, open_ticket, mailbox, smtp_server, poll
):
    ticket = open_ticket(world.contact.user)
    token_address = reply_address(ticket.number, world.contact.user.pk)
    mailbox.deliver(
        mail(sender="curioso@desconhecido.example", to=token_address, body="Quero ver esse chamado.")
    )
    poll()
    assert not Message.objects.filter(ticket=ticket).exists()
    record = InboundMessage.objects.get()
    assert record.outcome == Outcome.REFUSED and "desconhecido" in record.reason
    [refusal] = smtp_server.to("curioso@desconhecido.example")
    for part in refusal.walk():
        if not part.is_multipart():
            content = part.get_content()
            assert ticket.number not in content and "Alfa" not in content and "Nota fiscal" not in content
    assert ticket.number not in refusal["Subject"] or "Re:" in refusal["Subject"]


def test_another_companys_contact_with_a_forged_token_is_refused(
    world, open_ticket, mailbox, smtp_server, poll
):
    ticket = open_ticket(world.contact.user)
    intruder = world.other_admin.user
    genuine = reply_address(ticket.number, world.contact.user.pk)
    forged = genuine.replace(
        f".{world.contact.user.pk}.", f".{intruder.pk}."
    )  # the signature no longer matches
    mailbox.deliver(mail(sender=intruder.email, to=forged, body="Escrevendo no chamado da Alfa."))
    # ... and with a genuine token forwarded to them: they still may not act on Alfa's ticket.
    mailbox.deliver(mail(sender=intruder.email, to=genuine, body="Escrevendo no chamado da Alfa."))
    poll()
    assert not Message.objects.filter(ticket=ticket).exists()
    reasons = sorted(InboundMessage.objects.values_list("outcome", "reason"))
    assert [outcome for outcome, _reason in reasons] == [Outcome.REFUSED, Outcome.REFUSED]
    assert any("adulterado" in reason for _o, reason in reasons)
    assert any("não pode agir" in reason for _o, reason in reasons)
    refusals = smtp_server.to(intruder.email)
    assert len(refusals) == 2
    for refusal in refusals:
        text = refusal.get_body(preferencelist=("plain",)).get_content()
        assert ticket.number not in text and "Alfa" not in text


def test_an_auto_reply_is_recorded_and_never_answered(world, open_ticket, mailbox, smtp_server, poll):
    ticket = open_ticket(world.contact.user)
    smtp_server.envelopes.clear()
    mailbox.deliver(
        mail(
            sender=world.contact.user.email,
            to=reply_address(ticket.number, world.contact.user.pk),
            subject="Ausente: Re: Chamado",
            body="Estou de férias até segunda.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    poll()
    assert not Message.objects.filter(ticket=ticket).exists()
    record = InboundMessage.objects.get()
    assert record.outcome == Outcome.REFUSED and "automática" in record.reason and not record.refusal_sent
    assert smtp_server.messages == []


def test_the_same_message_delivered_twice_is_applied_once(world, open_ticket, mailbox, poll):
    ticket = open_ticket(world.contact.user)
    raw = mail(
        sender=world.contact.user.email,
        to=reply_address(ticket.number, world.contact.user.pk),
        body="Uma vez só.",
    )
    mailbox.deliver(raw)
    mailbox.deliver(raw)
    report = poll()
    assert (report.fetched, report.applied, report.duplicates) == (2, 1, 1)
    assert Message.objects.filter(ticket=ticket).count() == 1
    assert InboundMessage.objects.count() == 1
    assert (mailbox.count("INBOX"), mailbox.count("Processed")) == (0, 2)


def test_a_poller_killed_between_fetch_and_commit_applies_the_message_once(
    world, open_ticket, mailbox, poll, monkeypatch
):
    ticket = open_ticket(world.contact.user)
    mailbox.deliver(
        mail(
            sender=world.contact.user.email,
            to=reply_address(ticket.number, world.contact.user.pk),
            body="Depois da queda.",
        )
    )
    real = imap_module.inbound_message_process

    def killed_before_commit(raw, *, source):
        from django.db import transaction

        with transaction.atomic():  # the work is done, then the process dies before the commit
            real(raw, source=source)
            raise SystemExit("killed")

    monkeypatch.setattr(imap_module, "inbound_message_process", killed_before_commit)
    with pytest.raises(SystemExit):
        poll()
    assert not Message.objects.filter(ticket=ticket).exists() and not InboundMessage.objects.exists()
    assert mailbox.count("INBOX") == 1  # still unseen: fetched with BODY.PEEK

    monkeypatch.setattr(imap_module, "inbound_message_process", real)
    moves = []
    real_move = imap_module._move

    def dies_before_the_move(imap, uid, folder):
        moves.append(uid)
        raise SystemExit("killed after the commit")

    monkeypatch.setattr(imap_module, "_move", dies_before_the_move)
    with pytest.raises(SystemExit):
        poll()
    assert Message.objects.filter(ticket=ticket).count() == 1  # committed
    assert mailbox.count("INBOX") == 1 and moves

    monkeypatch.setattr(imap_module, "_move", real_move)
    report = poll()
    assert (report.applied, report.duplicates) == (0, 1)
    assert Message.objects.filter(ticket=ticket).count() == 1
    assert (mailbox.count("INBOX"), mailbox.count("Processed")) == (0, 1)


def test_the_poll_is_a_no_op_without_imap_url(settings, db):
    settings.IMAP_URL = ""
    assert imap_poll().fetched == 0
