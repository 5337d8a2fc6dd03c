"""Portal pages of the chat (CHN-3, TEN-2, TEN-3).

The object is a conversation of Alfa started by its contact (waiting for an analyst), with a file the
contact sent. Beta's administrator ("other") gets 404 on it. Starting a chat is for client contacts
and partner consultants (staff: 403); the queue, "Atender" and "Gerar chamado" are the support
team's (clients: 403). The live page and the file are for who sees the conversation: its contact,
Alfa's administrator (sees every company conversation), the partner serving Alfa and staff. Every
action takes POST only (a GET changes nothing: 405).
"""

from . import LOGIN, row

#                               anonymous other contact admin partner analyst leader
CLIENT_PAGE = row(LOGIN, 200, 200, 200, 200, 403, 403)
STAFF_PAGE = row(LOGIN, 403, 403, 403, 403, 200, 200)
OF_ALFA = row(LOGIN, 404, 200, 200, 200, 200, 200)
POST_ONLY = row(LOGIN, 405, 405, 405, 405, 405, 405)
STAFF_POST_ONLY = row(LOGIN, 403, 403, 403, 403, 405, 405)


def _conversation(o):
    return {"pk": o["chat_conversation"].pk}


PORTAL = {
    "chat-start": (lambda o: {}, CLIENT_PAGE),
    "chat-queue": (lambda o: {}, STAFF_PAGE),
    "chat-room": (_conversation, OF_ALFA),
    "chat-message": (_conversation, POST_ONLY),
    "chat-file": (_conversation, POST_ONLY),
    "chat-email": (_conversation, POST_ONLY),
    "chat-close": (_conversation, POST_ONLY),
    "chat-take": (_conversation, STAFF_POST_ONLY),
    "chat-ticket": (_conversation, STAFF_PAGE),
    "chat-file-download": (lambda o: {"pk": o["chat_file"].pk}, OF_ALFA),
}


def objects(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chat import services

    conversation = services.conversation_start(
        actor=world.contact.user, company=world.company, product=None, text="Preciso de ajuda (matriz)."
    )
    chat_file = services.file_attach(
        actor=world.contact.user,
        conversation=conversation,
        upload=SimpleUploadedFile("erro.log", b"ERRO matriz", content_type="text/plain"),
    )
    return {"chat_conversation": conversation, "chat_file": chat_file}
