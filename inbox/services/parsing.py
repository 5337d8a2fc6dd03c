"""Reading an incoming e-mail: who sent it, to which addresses, what it replies to, its text and
files, and whether it is an automatic message (auto-reply, bounce, list mail) (CHN-1)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

from core.errors import DomainError

ADDRESS_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    sender: str  # the From address, lower-case ("" when absent or unreadable)
    subject: str
    recipients: tuple[str, ...]
    references: tuple[str, ...]  # In-Reply-To and References values
    text: str
    attachments: tuple[Attachment, ...] = field(default=())
    automatic: str = ""  # why it is an auto-reply/bounce/list message, or ""


class _HTMLText(HTMLParser):
    """The visible text of an HTML body, without quoted blocks (Gmail's and Apple's blockquote,
    Gmail's "gmail_quote" div) and without style/script."""

    _BREAKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table"})
    _SKIP = frozenset({"blockquote", "style", "script", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in self._SKIP or (tag == "div" and "gmail_quote" in classes):
            self.skipping.append(tag)
        elif not self.skipping and tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif not self.skipping and tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    return re.sub(r"[ \t]*\n[ \t]*", "\n", text)


def _automatic(message: Message) -> str:
    """Why the message is automatic (RFC 3834 Auto-Submitted, Precedence, X-Autoreply, DSNs,
    null Return-Path), or ""."""
    auto_submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = str(message.get("Precedence", "")).strip().lower()
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        return f"Precedence: {precedence}"
    for header in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "List-Id"):
        if header in message and (
            header != "X-Auto-Response-Suppress" or "oof" in str(message[header]).lower()
        ):
            return f"{header}: {str(message[header]).strip()[:80]}"
    if message.get_content_type() == "multipart/report" or "delivery-status" in message.get_content_type():
        return f"Content-Type: {message.get_content_type()}"
    return_path = message.get("Return-Path")
    if return_path is not None and str(return_path).strip() in {"<>", ""}:
        return "Return-Path: <>"
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    if sender.split("@")[0] in {"mailer-daemon", "postmaster"}:
        return f"From: {sender}"
    return ""


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = str(content)
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _attachments(message: EmailMessage) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for part in message.iter_attachments():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        name = part.get_filename() or ""
        if not name and part.get_content_disposition() != "attachment":
            continue  # inline parts without a name (e.g. a signature logo in a related part)
        found.append(Attachment(name=name or "arquivo", content=payload))
    return tuple(found)


def _header(message: Message, name: str) -> str:
    try:
        return " ".join(str(message.get(name, "")).split())
    except (ValueError, IndexError, TypeError):  # a header the parser cannot decode
        return ""


def message_parse(raw: bytes) -> ParsedMessage:
    """Parse raw RFC 5322 bytes; `DomainError` when they are not an e-mail at all."""
    if not raw.strip():
        raise DomainError("Mensagem vazia.", code="broken")
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage) or not (
        message.get("From") or message.get("Message-ID") or message.get("Subject")
    ):
        raise DomainError("Não parece uma mensagem de e-mail (sem cabeçalhos).", code="broken")
    message_id = _header(message, "Message-ID").strip()
    if not re.fullmatch(r"<[^<>\s]{3,250}>", message_id):
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()}@sem-message-id>"
    from_value = _header(message, "From")
    sender = parseaddr(from_value)[1].strip().lower()
    if "@" not in sender:
        sender = ""
    recipients: list[str] = []
    for header in ADDRESS_HEADERS:
        values = [str(value) for value in message.get_all(header, [])]
        recipients.extend(address.lower() for _name, address in getaddresses(values) if "@" in address)
    references = tuple(_header(message, name) for name in ("In-Reply-To", "References") if name in message)
    return ParsedMessage(
        message_id=message_id,
        sender=sender,
        subject=_header(message, "Subject")[:250],
        recipients=tuple(dict.fromkeys(recipients)),
        references=references,
        text=_body_text(message),
        attachments=_attachments(message),
        automatic=_automatic(message),
    )
