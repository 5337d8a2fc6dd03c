"""Browser journey of the chat (CHN-3) with TWO real pages on a real ASGI server (Daphne, HTTP and
WebSockets, against the test database): the client starts a chat -> the analyst sees it waiting and
takes it -> they exchange messages that appear on the other page without a reload -> the client
attaches a file -> the analyst generates the ticket -> the client sees its number and e-mails the
transcript to themselves. Pictures of both pages at 1366 and 390 px are kept to look at."""

from functools import partial

import pytest
from django.db import connections

from chat.models import Conversation
from outbox.models import OutboxEmail
from tests.helpers import browser_login, screenshot
from tickets.models import Attachment, Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asgi_server(transactional_db, settings):
    """The project's ASGI application (portal.asgi) served by Daphne in a forked process on a free
    port: it inherits the test settings and database; static files served from the finders."""
    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    connections.close_all()  # the child opens its own connections
    process = DaphneProcess("127.0.0.1", partial(make_application, static_wrapper=ASGIStaticFilesHandler))
    process.start()
    if not process.ready.wait(20):
        process.terminate()
        pytest.fail(
            "Daphne did not start: " + (process.errors.get()[1] if not process.errors.empty() else "")
        )
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(10)


@pytest.fixture
def two_pages(browser, asgi_server):
    pages = []
    for _who in ("client", "analyst"):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="pt-BR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = asgi_server
        pages.append(page)
    yield pages
    for page in pages:
        page.context.close()


def shots(page, name):
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_client_and_analyst_chat_in_real_time_and_the_chat_becomes_a_ticket(
    world, catalogue, two_pages, tmp_path
):
    client, analyst = two_pages

    # The client starts a chat about a product.
    browser_login(client, world.contact.user.email)
    client.goto(f"{client.base_url}/chat/")
    client.get_by_label("Produto (opcional)").select_option(label=catalogue.product.name)
    client.get_by_label("Como podemos ajudar?").fill("A nota fiscal não transmite: rejeição 539.")
    client.get_by_role("button", name="Iniciar conversa").click()
    client.get_by_text("Aguardando um analista").wait_for()
    client.locator("#chat-connection.is-online").wait_for()
    conversation = Conversation.objects.get()

    # The analyst sees it waiting and takes it; the client's page says so without a reload.
    browser_login(analyst, world.analyst.email)
    analyst.goto(f"{analyst.base_url}/chat/atendimento/")
    analyst.get_by_text("A nota fiscal não transmite: rejeição 539.").wait_for()
    shots(analyst, "chat-analyst-queue")
    analyst.get_by_role("button", name="Atender").click()
    analyst.locator("#chat-connection.is-online").wait_for()
    client.get_by_text(f"Em atendimento com {world.analyst.get_short_name()}").wait_for()

    # Messages both ways, seen on the other page without a reload.
    analyst.get_by_label("Mensagem").fill("Olá! Qual a versão do sistema?")
    analyst.get_by_label("Mensagem").press("Enter")
    client.locator(".chat-staff .chat-text", has_text="Qual a versão do sistema?").wait_for()
    client.get_by_label("Mensagem").fill("Versão 12.1.2410, em produção.")
    client.get_by_role("button", name="Enviar", exact=True).click()
    analyst.locator(".chat-client .chat-text", has_text="Versão 12.1.2410, em produção.").wait_for()

    # The client attaches a log; the analyst's page shows it at once.
    log = tmp_path / "erro-539.log"
    log.write_text("Rejeição 539: duplicidade de NF-e\n")
    client.get_by_label("Escolha o arquivo").set_input_files(str(log))
    client.get_by_role("button", name="Enviar arquivo").click()
    client.get_by_text("Arquivo enviado.").wait_for()
    analyst.locator(".chat-file-link", has_text="erro-539.log").wait_for()
    shots(client, "chat-client-room")
    shots(analyst, "chat-analyst-room")

    # The analyst generates the ticket with the catalogue fields; the client sees its number live.
    analyst.get_by_role("link", name="Gerar chamado").click()
    analyst.locator("#id_product").select_option(label=catalogue.product.name)
    analyst.locator("#id_routine").select_option(label=catalogue.routine.name)
    analyst.locator("#id_version").select_option(label=catalogue.version.name)
    analyst.locator("#id_environment").select_option(value="production")
    for question in ("function_usable", "has_workaround", "data_corruption", "cosmetic"):
        analyst.locator(f"input[name={question}][value=nao]").check()
    analyst.get_by_role("button", name="Gerar chamado").click()
    ticket = Ticket.objects.get()
    analyst.get_by_text(f"Chamado {ticket.number} aberto em nome do cliente.").wait_for()
    client.get_by_text(f"Esta conversa gerou o chamado {ticket.number}.").wait_for()
    assert client.locator("#chat-ticket-link").get_attribute("href") == f"/chamados/{ticket.number}/"
    assert ticket.channel == Ticket.Channel.CHAT and ticket.requester == world.contact.user
    assert ticket.registered_by == world.analyst
    assert list(ticket.messages.values_list("body", flat=True)) == [
        "A nota fiscal não transmite: rejeição 539.",
        "Olá! Qual a versão do sistema?",
        "Versão 12.1.2410, em produção.",
    ]
    assert Attachment.objects.get(ticket=ticket).original_name == "erro-539.log"

    # The client e-mails the transcript to themselves.
    client.get_by_role("button", name="Enviar conversa por e-mail").click()
    client.get_by_text(f"A conversa foi enviada por e-mail para {world.contact.user.email}.").wait_for()
    mail = OutboxEmail.objects.get(template="chat/transcript")
    assert mail.to == [world.contact.user.email]
    assert "Olá! Qual a versão do sistema?" in mail.body_text and ticket.number in mail.body_text
    conversation.refresh_from_db()
    assert conversation.ticket == ticket
    shots(client, "chat-client-ticket")
