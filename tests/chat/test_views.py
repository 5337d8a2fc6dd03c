"""The chat pages through the browser's requests: readable without JavaScript, every action a POST,
refusals as clear 4xx messages, constant queries per page (CHN-3, TEN-2, TKT-10)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chat import services
from chat.models import ChatFile, ChatMessage, Conversation
from outbox.models import OutboxEmail
from tests.helpers import flash, logged_in
from tickets.models import Ticket

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def room(conversation):
    return reverse("chat-room", kwargs={"pk": conversation.pk})


def test_a_contact_starts_a_chat_and_reads_it_without_javascript(world, catalogue, client_for):
    client = client_for(world.contact.user)
    page = client.get(reverse("chat-start"))
    assert page.status_code == 200 and "Nova conversa" in page.text
    response = client.post(
        reverse("chat-start"), {"product": catalogue.product.pk, "text": "Rejeição 539 ao transmitir."}
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == room(conversation)
    page = client.get(room(conversation))
    assert "Rejeição 539 ao transmitir." in page.text
    assert "Aguardando um analista" in page.text
    assert f'data-ws-path="/ws/chat/{conversation.pk}/"' in page.text
    assert "chat/chat.js" in page.text and "<script>" not in page.text  # no inline script (CSP)


def test_an_empty_first_message_is_shown_next_to_the_field(world, client_for):
    response = client_for(world.contact.user).post(reverse("chat-start"), {"text": "  "})
    assert response.status_code == 400 and "Escreva a mensagem." in response.text
    assert not Conversation.objects.exists()


def test_a_contact_without_the_right_to_open_tickets_is_told(world, client_for):
    world.contact.can_open_tickets = False
    world.contact.save()
    page = client_for(world.contact.user).get(reverse("chat-start"))
    assert "permissão para abrir chamados" in page.text and "Iniciar conversa" not in page.text


def test_the_composer_and_the_file_form_work_as_plain_posts(world, taken_chat, client_for):
    client = client_for(world.contact.user)
    response = client.post(reverse("chat-message", kwargs={"pk": taken_chat.pk}), {"text": "Versão 12.1."})
    assert response.status_code == 302
    assert ChatMessage.objects.filter(conversation=taken_chat, text="Versão 12.1.").exists()
    upload = SimpleUploadedFile("erro.log", b"ERRO 539", content_type="text/plain")
    response = client.post(reverse("chat-file", kwargs={"pk": taken_chat.pk}), {"file": upload})
    assert response.status_code == 302 and "Arquivo erro.log enviado." in flash(response)
    page = client.get(room(taken_chat))
    assert (
        "erro.log" in page.text
        and reverse("chat-file-download", kwargs={"pk": ChatFile.objects.get().pk}) in page.text
    )


def test_a_refused_file_is_a_clear_message_for_the_script_and_the_plain_form(world, taken_chat, client_for):
    client = client_for(world.contact.user)
    url = reverse("chat-file", kwargs={"pk": taken_chat.pk})
    response = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")}, **FETCH)
    assert response.status_code == 400 and "tipo de arquivo não aceito" in response.json()["error"]
    response = client.post(url, {"file": SimpleUploadedFile("nota.pdf", b"not a pdf")})
    assert response.status_code == 400 and "não corresponde à extensão" in response.text
    response = client.post(url, {}, **FETCH)
    assert response.status_code == 400 and response.json()["error"] == "Escolha um arquivo."
    assert not ChatFile.objects.exists()


def test_the_client_e_mails_the_transcript_to_themselves(
    world, taken_chat, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.contact.user).post(reverse("chat-email", kwargs={"pk": taken_chat.pk}))
    assert response.status_code == 302
    assert flash(response) == [f"A conversa foi enviada por e-mail para {world.contact.user.email}."]
    assert OutboxEmail.objects.get(template="chat/transcript").to == [world.contact.user.email]


def test_the_second_analyst_to_click_atender_is_told(world, start_chat, client_for):
    from django.test import Client

    from tests.factories import AnalystFactory

    conversation = start_chat()
    first = client_for(world.analyst).post(reverse("chat-take", kwargs={"pk": conversation.pk}))
    assert first.status_code == 302 and first["Location"] == room(conversation)
    second_client = logged_in(Client(), AnalystFactory())
    second = second_client.post(reverse("chat-take", kwargs={"pk": conversation.pk}))
    assert second.status_code == 302 and second["Location"] == reverse("chat-queue")
    assert flash(second) == ["Esta conversa já foi atendida por outro analista ou encerrada."]
    conversation.refresh_from_db()
    assert conversation.analyst == world.analyst


def test_the_analyst_generates_the_ticket_and_the_client_sees_its_number(
    world, catalogue, taken_chat, client_for
):
    from django.test import Client

    analyst = client_for(world.analyst)
    url = reverse("chat-ticket", kwargs={"pk": taken_chat.pk})
    form = analyst.get(url)
    assert (
        form.status_code == 200 and "rejeição 539" in form.text
    )  # the summary starts from the first message
    data = {
        "kind": "technical",
        "product": catalogue.product.pk,
        "routine": catalogue.fiscal_routine.pk,
        "version": catalogue.version.pk,
        "environment": "production",
        "summary": "Rejeição 539 na transmissão",
        "function_usable": "nao",
        "has_workaround": "nao",
        "data_corruption": "nao",
        "cosmetic": "nao",
    }
    missing = analyst.post(url, {**data, "routine": ""})
    assert missing.status_code == 400 and not Ticket.objects.exists()
    response = analyst.post(url, data)
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == room(taken_chat)
    assert ticket.team == catalogue.fiscal_team and ticket.channel == "chat"
    client = Client()
    client.force_login(world.contact.user)
    page = client.get(room(taken_chat))
    assert f"Esta conversa gerou o chamado {ticket.number}." in page.text
    assert reverse("ticket-detail", kwargs={"number": ticket.number}) in page.text
    assert analyst.get(url).status_code == 302  # generated once: the form is gone


def test_chat_files_are_served_after_the_conversations_check(world, taken_chat, client_for):
    from django.test import Client

    chat_file = services.file_attach(
        actor=world.contact.user,
        conversation=taken_chat,
        upload=SimpleUploadedFile("erro.log", b"ERRO 539", content_type="text/plain"),
    )
    url = reverse("chat-file-download", kwargs={"pk": chat_file.pk})
    response = client_for(world.analyst).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"ERRO 539"
    assert (
        response["Content-Disposition"].startswith("attachment")
        and response["Cache-Control"] == "private, no-store"
    )
    other = Client()
    other.force_login(world.other_admin.user)
    assert other.get(url).status_code == 404
    world.company.financial_status = world.company.FinancialStatus.PENDENCY
    world.company.save()
    blocked = Client()
    blocked.force_login(world.contact.user)
    assert blocked.get(url).status_code == 403  # ACC-6, as for ticket files


def test_the_queue_filters_by_team_and_reads_a_constant_number_of_queries(
    world, catalogue, start_chat, client_for, django_assert_max_num_queries
):
    client = client_for(world.analyst)
    start_chat(product=catalogue.product, text="Primeira")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("chat-queue"))
    for n in range(12):
        start_chat(product=catalogue.product if n % 2 else None, text=f"Conversa {n}")
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("chat-queue"))
    assert page.text.count("Atender") == 13
    filtered = client.get(reverse("chat-queue"), {"equipe": catalogue.team.pk})
    assert filtered.text.count('action="/chat/') == 7 and "Primeira" in filtered.text


def test_the_live_page_reads_a_constant_number_of_queries(
    world, taken_chat, client_for, django_assert_max_num_queries
):
    client = client_for(world.contact.user)
    with django_assert_max_num_queries(20) as few:
        client.get(room(taken_chat))
    for n in range(10):
        services.message_post(
            actor=world.analyst if n % 2 else world.contact.user, conversation=taken_chat, text=f"m{n}"
        )
        services.file_attach(
            actor=world.contact.user,
            conversation=taken_chat,
            upload=SimpleUploadedFile(f"f{n}.log", b"log", content_type="text/plain"),
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get(room(taken_chat))
    assert "m9" in page.text and "f9.log" in page.text


def test_closing_by_the_client_removes_the_composer(world, taken_chat, client_for):
    client = client_for(world.contact.user)
    response = client.post(reverse("chat-close", kwargs={"pk": taken_chat.pk}))
    assert response.status_code == 302 and flash(response) == ["Conversa encerrada."]
    page = client.get(room(taken_chat))
    assert "Conversa encerrada." in page.text and 'id="chat-composer"' not in page.text
    again = client.post(reverse("chat-close", kwargs={"pk": taken_chat.pk}))
    assert again.status_code == 400 and "Esta conversa foi encerrada." in again.text


def test_the_analyst_closing_a_chat_without_ticket_goes_on_to_generate_it(world, taken_chat, client_for):
    response = client_for(world.analyst).post(reverse("chat-close", kwargs={"pk": taken_chat.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("chat-ticket", kwargs={"pk": taken_chat.pk})
    assert flash(response) == ["Conversa encerrada. Gere agora o chamado da conversa."]
    taken_chat.refresh_from_db()
    assert taken_chat.status == Conversation.Status.CLOSED and taken_chat.closed_by == world.analyst
    queue = client_for(world.analyst).get(reverse("chat-queue"))
    assert "Suas conversas sem chamado" in queue.text and room(taken_chat) in queue.text


def test_the_demo_adds_one_waiting_chat_once(world):
    from chat.demo import seed_demo
    from tests.factories import ContactFactory

    ContactFactory(company=world.company, user__email="carla@horizonte.example")
    seed_demo()
    seed_demo()
    assert Conversation.objects.filter(status=Conversation.Status.WAITING).count() == 1
