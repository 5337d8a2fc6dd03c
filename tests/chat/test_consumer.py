"""The chat's WebSocket (`/ws/chat/<id>/`) through the project's ASGI application, with the session
cookie of a logged-in browser: the page's access rule on connect and on every message (TEN-2)."""

import asyncio
import threading

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client

from chat import services
from chat.models import ChatMessage
from chat.web.consumers import REFUSED
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = b"http://localhost"


def session(user) -> bytes | None:
    """The session cookie of a browser where `user` logged in (built before the event loop runs)."""
    if user is None:
        return None
    client = logged_in(Client(), user)  # staff also passed their second factor, as at a real login
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def socket(conversation, cookie=None, origin=ORIGIN):
    from portal.asgi import application

    headers = [(b"origin", origin), (b"host", b"localhost")]
    if cookie is not None:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, f"/ws/chat/{conversation.pk}/", headers=headers)


def run(coroutine_function):
    """Run the scenario on an event loop of its own thread (Playwright's sync API may have left one
    running in this thread); the consumer's database calls run in a worker thread, as in production."""
    failure: list[BaseException] = []

    async def scenario_then_close():
        try:
            await coroutine_function()
        finally:  # the worker thread's connection, or the test database could not be dropped
            await database_sync_to_async(connections.close_all)()

    def target():
        try:
            asyncio.run(scenario_then_close())
        except BaseException as error:  # re-raised in the test's thread
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the WebSocket scenario did not finish"
    if failure:
        raise failure[0]


def test_anonymous_another_companys_admin_and_a_foreign_site_are_refused(world, taken_chat):
    attempts = [
        (None, ORIGIN),
        (session(world.other_admin.user), ORIGIN),
        (session(world.contact.user), b"http://evil.example"),
    ]

    async def scenario():
        for cookie, origin in attempts:
            communicator = socket(taken_chat, cookie, origin)
            connected, _code = await communicator.connect()
            assert not connected, (cookie, origin)
            await communicator.disconnect()

    run(scenario)


def test_an_analyst_whose_session_skipped_the_second_factor_is_refused(world, taken_chat):
    client = Client()
    client.force_login(world.analyst)  # the password only: no second factor in this session
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()

    async def scenario():
        communicator = socket(taken_chat, cookie)
        connected, code = await communicator.connect()
        assert (connected, code) == (False, REFUSED)

    run(scenario)


def test_a_missing_conversation_is_refused_like_another_companys(world):
    class Missing:
        pk = 999_999

    cookie = session(world.contact.user)

    async def scenario():
        communicator = socket(Missing, cookie)
        connected, code = await communicator.connect()
        assert (connected, code) == (False, REFUSED)

    run(scenario)


def test_a_message_reaches_both_sides_and_is_stored(world, taken_chat):
    client_cookie, analyst_cookie = session(world.contact.user), session(world.analyst)

    async def scenario():
        client_side = socket(taken_chat, client_cookie)
        analyst_side = socket(taken_chat, analyst_cookie)
        assert (await client_side.connect())[0] and (await analyst_side.connect())[0]
        await client_side.send_json_to({"type": "message", "text": "Versão 12.1.2410."})
        for side in (client_side, analyst_side):
            event = await side.receive_json_from(timeout=5)
            assert event["kind"] == "message" and event["text"] == "Versão 12.1.2410."
            assert event["side"] == "client" and event["author"] == world.contact.user.full_name
        await analyst_side.send_json_to({"type": "message", "text": "Obrigada, vou verificar."})
        event = await client_side.receive_json_from(timeout=5)
        assert event["side"] == "staff" and event["text"] == "Obrigada, vou verificar."
        await analyst_side.receive_json_from(timeout=5)
        # A file sent through the page's POST reaches the sockets too.
        await database_sync_to_async(services.file_attach)(
            actor=world.contact.user,
            conversation=taken_chat,
            upload=SimpleUploadedFile("erro.log", b"ERRO 539", content_type="text/plain"),
        )
        for side in (client_side, analyst_side):
            event = await side.receive_json_from(timeout=5)
            assert event["kind"] == "file" and event["name"] == "erro.log"
        await client_side.disconnect()
        await analyst_side.disconnect()

    run(scenario)
    assert list(ChatMessage.objects.filter(conversation=taken_chat).values_list("text", flat=True)) == [
        "A nota fiscal não transmite: rejeição 539.",
        "Versão 12.1.2410.",
        "Obrigada, vou verificar.",
    ]


def test_a_user_who_lost_access_is_refused_on_the_next_message(world, taken_chat):
    cookie = session(world.contact.user)

    async def scenario():
        client_side = socket(taken_chat, cookie)
        assert (await client_side.connect())[0]

        def deactivate():
            world.contact.user.is_active = False
            world.contact.user.save(update_fields=["is_active"])

        await database_sync_to_async(deactivate)()
        await client_side.send_json_to({"type": "message", "text": "Ainda estou aqui?"})
        event = await client_side.receive_json_from(timeout=5)
        assert event["kind"] == "error" and "não tem mais acesso" in event["text"]
        output = await client_side.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": REFUSED}

    run(scenario)
    assert not ChatMessage.objects.filter(text="Ainda estou aqui?").exists()


def test_a_waiting_conversation_refuses_the_analysts_message_until_taken(world, start_chat):
    conversation = start_chat()

    cookie = session(world.analyst)

    async def scenario():
        analyst_side = socket(conversation, cookie)
        assert (await analyst_side.connect())[0]
        await analyst_side.send_json_to({"type": "message", "text": "Oi"})
        event = await analyst_side.receive_json_from(timeout=5)
        assert event["kind"] == "error" and "Atenda a conversa" in event["text"]
        await analyst_side.send_json_to({"type": "typing"})
        assert (await analyst_side.receive_json_from(timeout=5))["kind"] == "error"
        await analyst_side.disconnect()

    run(scenario)
    assert conversation.messages.count() == 1
