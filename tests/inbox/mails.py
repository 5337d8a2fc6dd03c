"""Building real incoming e-mails for the inbox tests (plain helpers: import them)."""

from __future__ import annotations

import itertools
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone

_counter = itertools.count(1)


def mail(
    *,
    sender: str,
    to: str = "suporte@portal.example",
    subject: str = "Re: Chamado",
    body: str = "Segue o log do erro.",
    html: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> bytes:
    """An RFC 5322 message as a mail client sends it; attachments are (name, content, mime type)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id or make_msgid(f"t{next(_counter)}", domain="cliente.example")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, content, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def gmail_reply(text: str, quoted: str = "Olá, Bruno.\nHá uma nova mensagem no chamado.") -> str:
    """The text part of a Gmail reply in Portuguese: the new text, the attribution, the quote."""
    quote = "\n".join(f"> {line}" for line in quoted.splitlines())
    attribution = (
        "Em ter., 1 de dez. de 2026 às 10:15, Portal do Cliente <\nsuporte@portal.example> escreveu:"
    )
    return f"{text}\n\n{attribution}\n\n{quote}\n"


def dsn(*, to: str, original_subject: str) -> bytes:
    """A delivery status notification (bounce) as Postfix sends it: multipart/report."""
    return (
        "From: MAILER-DAEMON@mx.cliente.example (Mail Delivery System)\r\n"
        f"To: {to}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <bounce-{next(_counter)}@mx.cliente.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\n"
        "This is the mail system. Your message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.cliente.example\r\n\r\n"
        "Final-Recipient: rfc822; x@cliente.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: {original_subject}\r\n\r\n--B--\r\n"
    ).encode()
