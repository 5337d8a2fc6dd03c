"""Role matrix of incoming e-mail: the back-office's read-only list of received messages."""

from . import VIEW

ADMIN_MODELS = {
    "inbox_inboundmessage": {"analyst": VIEW, "leader": VIEW},
}


def objects(world) -> dict:
    from inbox.models import InboundMessage

    return {
        "inbox_inboundmessage": InboundMessage.objects.create(
            message_id="<matriz@cliente.example>",
            source=InboundMessage.Source.IMAP,
            sender="x@cliente.example",
            subject="Teste",
            outcome=InboundMessage.Outcome.REFUSED,
            reason="Remetente desconhecido.",
            raw=b"From: x@cliente.example\r\nSubject: Teste\r\n\r\nOi\r\n",
        )
    }
