"""The chat's rules through its services (CHN-3): who starts, first come first served, who writes,
files with the ticket attachments' checks, closing, the transcript e-mail and the ticket."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from chat import services
from chat.models import ChatFile, ChatMessage, Conversation
from core.errors import ConflictError, DomainError, ForbiddenError, NotFoundError
from outbox.models import OutboxEmail
from tests.helpers import answers
from tickets.models import Attachment, Message, Ticket

pytestmark = pytest.mark.django_db
S = Conversation.Status


def fields(catalogue, **extra):
    data = {
        "product": catalogue.product,
        "routine": catalogue.routine,
        "version": catalogue.version,
        "environment": "production",
        "kind": Ticket.Kind.TECHNICAL,
        "summary": "Nota fiscal rejeitada (chat)",
        "answers": answers(function_unusable=True),
    }
    return services.TicketFields(**{**data, **extra})


def test_a_contact_starts_a_chat_that_waits_for_the_products_team(world, catalogue, start_chat):
    conversation = start_chat(product=catalogue.product)
    assert conversation.status == S.WAITING
    assert conversation.team == catalogue.team
    assert conversation.client == world.contact.user and conversation.company == world.company
    assert list(conversation.messages.values_list("text", flat=True)) == [
        "A nota fiscal não transmite: rejeição 539."
    ]


def test_a_contact_who_may_not_open_tickets_cannot_start_a_chat(world, start_chat):
    world.contact.can_open_tickets = False
    world.contact.save()
    with pytest.raises(DomainError, match="permissão para abrir chamados"):
        start_chat()
    assert not Conversation.objects.exists()


def test_a_product_of_a_line_the_company_did_not_contract_is_refused(catalogue, start_chat):
    with pytest.raises(DomainError, match="não contratou"):
        start_chat(product=catalogue.other_product)
    assert not Conversation.objects.exists()


def test_staff_and_another_companys_contact_cannot_start_a_chat_for_alfa(world):
    with pytest.raises(ForbiddenError):
        services.conversation_start(actor=world.analyst, company=world.company, product=None, text="oi")
    with pytest.raises(NotFoundError):
        services.conversation_start(
            actor=world.other_admin.user, company=world.company, product=None, text="oi"
        )
    assert not Conversation.objects.exists()


def test_a_partner_consultant_starts_a_chat_for_a_company_their_unit_serves(world, start_chat):
    conversation = start_chat(user=world.partner, company=world.company)
    assert conversation.company == world.company
    with pytest.raises(ForbiddenError):
        services.conversation_start(actor=world.partner, company=world.other_company, product=None, text="oi")


def test_first_come_first_served_the_second_analyst_is_told(world, start_chat):
    from tests.factories import AnalystFactory

    conversation = start_chat()
    stale = Conversation.objects.get(pk=conversation.pk)  # the second analyst's page, loaded before
    services.conversation_take(actor=world.analyst, conversation=conversation)
    with pytest.raises(ConflictError, match="já foi atendida"):
        services.conversation_take(actor=AnalystFactory(), conversation=stale)
    conversation.refresh_from_db()
    assert conversation.status == S.ACTIVE and conversation.analyst == world.analyst


@pytest.mark.django_db(transaction=True)
def test_two_analysts_taking_at_the_same_instant_one_wins(world, start_chat):
    from tests.factories import AnalystFactory

    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL")
    conversation = start_chat()
    analysts = [world.analyst, AnalystFactory()]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def take(analyst):
        from django.db import connections

        try:
            barrier.wait()
            services.conversation_take(
                actor=analyst, conversation=Conversation.objects.get(pk=conversation.pk)
            )
            outcomes.append("won")
        except ConflictError:
            outcomes.append("told")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(a,)) for a in analysts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["told", "won"]
    conversation.refresh_from_db()
    assert conversation.analyst in analysts and conversation.status == S.ACTIVE


def test_only_the_analyst_who_took_it_writes_and_not_while_waiting(world, start_chat):
    from tests.factories import AnalystFactory

    conversation = start_chat()
    with pytest.raises(ForbiddenError):
        services.message_post(actor=world.analyst, conversation=conversation, text="Olá")
    services.conversation_take(actor=world.analyst, conversation=conversation)
    services.message_post(actor=world.analyst, conversation=conversation, text="Olá")
    with pytest.raises(ForbiddenError):
        services.message_post(actor=AnalystFactory(), conversation=conversation, text="Intruso")
    services.message_post(actor=world.leader, conversation=conversation, text="Líder acompanhando")
    assert conversation.messages.count() == 3


def test_another_companys_contact_and_a_colleague_who_only_sees_their_own_cannot_write(world, taken_chat):
    from tests.factories import ContactFactory

    colleague = ContactFactory(company=world.company)
    for intruder in (world.other_admin.user, colleague.user):
        with pytest.raises(NotFoundError):
            services.message_post(actor=intruder, conversation=taken_chat, text="Oi")
    # The company's administrator sees every company conversation (ACC-3): they may write.
    services.message_post(actor=world.admin.user, conversation=taken_chat, text="Sou o administrador.")
    assert taken_chat.messages.count() == 2


def test_empty_and_too_long_messages_are_refused(world, taken_chat):
    with pytest.raises(DomainError, match="Escreva a mensagem"):
        services.message_post(actor=world.contact.user, conversation=taken_chat, text="   ")
    with pytest.raises(DomainError, match="4000"):
        services.message_post(actor=world.contact.user, conversation=taken_chat, text="x" * 4001)
    assert taken_chat.messages.count() == 1


def test_files_pass_the_ticket_attachments_checks(world, taken_chat):
    chat_file = services.file_attach(
        actor=world.contact.user,
        conversation=taken_chat,
        upload=SimpleUploadedFile("erro.log", b"ERRO 539 ao transmitir", content_type="text/plain"),
    )
    assert chat_file.original_name == "erro.log" and chat_file.content_type == "text/plain"
    assert chat_file.file.name.startswith("chat/") and "erro" not in chat_file.file.name  # random stored name
    with pytest.raises(DomainError, match="tipo de arquivo não aceito"):
        services.file_attach(
            actor=world.contact.user,
            conversation=taken_chat,
            upload=SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        )
    with pytest.raises(DomainError, match="não corresponde"):
        services.file_attach(
            actor=world.contact.user,
            conversation=taken_chat,
            upload=SimpleUploadedFile("nota.pdf", b"not a pdf", content_type="application/pdf"),
        )
    assert ChatFile.objects.count() == 1


def test_either_side_closes_and_then_nobody_writes(world, taken_chat):
    services.conversation_close(actor=world.contact.user, conversation=taken_chat)
    taken_chat.refresh_from_db()
    assert taken_chat.status == S.CLOSED and taken_chat.closed_by == world.contact.user
    with pytest.raises(DomainError, match="encerrada"):
        services.message_post(actor=world.analyst, conversation=taken_chat, text="Ainda aí?")
    with pytest.raises(DomainError, match="encerrada"):
        services.conversation_close(actor=world.analyst, conversation=taken_chat)


def test_the_transcript_is_e_mailed_to_the_client_through_the_outbox(
    world, taken_chat, django_capture_on_commit_callbacks
):
    services.message_post(actor=world.analyst, conversation=taken_chat, text="Qual a versão?")
    with django_capture_on_commit_callbacks(execute=True):
        address = services.conversation_email_transcript(actor=world.contact.user, conversation=taken_chat)
    assert address == world.contact.user.email
    mail = OutboxEmail.objects.get(template="chat/transcript")
    assert mail.to == [world.contact.user.email]
    assert "rejeição 539" in mail.body_text and "Qual a versão?" in mail.body_text
    assert "(Atendimento)" in mail.body_text and "rejeição 539" in mail.body_html
    with pytest.raises(NotFoundError):
        services.conversation_email_transcript(actor=world.other_admin.user, conversation=taken_chat)


def test_the_conversation_becomes_a_ticket_in_the_clients_name(
    world, catalogue, taken_chat, django_capture_on_commit_callbacks
):
    services.message_post(actor=world.analyst, conversation=taken_chat, text="Qual a versão?")
    services.file_attach(
        actor=world.contact.user,
        conversation=taken_chat,
        upload=SimpleUploadedFile("erro.log", b"ERRO 539", content_type="text/plain"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        ticket = services.conversation_ticket_generate(
            actor=world.analyst, conversation=taken_chat, fields=fields(catalogue)
        )
    ticket.refresh_from_db()
    assert ticket.channel == Ticket.Channel.CHAT
    assert ticket.requester == world.contact.user and ticket.registered_by == world.analyst
    assert ticket.company == world.company and ticket.summary == "Nota fiscal rejeitada (chat)"
    assert "rejeição 539" in ticket.description
    assert list(Message.objects.filter(ticket=ticket).values_list("author", "body")) == [
        (world.contact.user.pk, "A nota fiscal não transmite: rejeição 539."),
        (world.analyst.pk, "Qual a versão?"),
    ]
    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.original_name == "erro.log" and attachment.file.read() == b"ERRO 539"
    taken_chat.refresh_from_db()
    assert taken_chat.ticket == ticket
    assert OutboxEmail.objects.filter(template="tickets/opened", to=[world.contact.user.email]).exists()
    with pytest.raises(ConflictError, match="já gerou"):
        services.conversation_ticket_generate(
            actor=world.analyst, conversation=taken_chat, fields=fields(catalogue)
        )
    assert Ticket.objects.count() == 1


def test_a_ticket_needs_a_taken_conversation_staff_and_a_valid_catalogue(world, catalogue, start_chat):
    conversation = start_chat()
    with pytest.raises(ConflictError, match="Atenda"):
        services.conversation_ticket_generate(
            actor=world.analyst, conversation=conversation, fields=fields(catalogue)
        )
    services.conversation_take(actor=world.analyst, conversation=conversation)
    with pytest.raises(ForbiddenError):
        services.conversation_ticket_generate(
            actor=world.contact.user, conversation=conversation, fields=fields(catalogue)
        )
    from tests.factories import RoutineFactory

    with pytest.raises(DomainError, match="rotina do produto"):
        services.conversation_ticket_generate(
            actor=world.analyst,
            conversation=conversation,
            fields=fields(catalogue, routine=RoutineFactory(product=catalogue.other_product)),
        )
    assert (
        not Ticket.objects.exists()
        and not ChatMessage.objects.filter(conversation__ticket__isnull=False).exists()
    )
