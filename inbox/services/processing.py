"""What an incoming e-mail does (CHN-1, TKT-7, TKT-9, ACC-4, ACC-6), whether it came from the IMAP
poller or the MTA pipe.

- A reply — a signed reply address among its recipients, or a signed thread root in
  In-Reply-To/References (inbox/tokens.py) — from a client who may act on that ticket
  (`accounts.access.ticket_actor_role`: an active contact who sees it, or the partner consultant
  serving the company) becomes their message through `tickets.services.ticket_reply`, with its
  files checked like the portal's; a reply on "pending client" sends the ticket back to analysis
  there (TKT-7). On a closed ticket it opens a follow-up (`ticket_follow_up`, TKT-9) with the
  portal's opening rules (ACC-4, ACC-6).
- A message without a ticket from an active contact who may open tickets: a ticket needs the
  catalogue answers (product, routine, version, environment, severity) that an e-mail does not
  give, and we never invent them. The message is recorded and answered with what is missing and a
  link to the portal's new-ticket page.
- Anything else (auto-replies and bounces, unknown or inactive senders, forged tokens, another
  company's ticket, refused files, rules of the services) stores nothing on a ticket: it is
  recorded as refused with a reason for the analysts and, except automatic messages, answered by
  one polite e-mail that says nothing about the ticket or any company.

Every message is recorded once by its Message-ID (unique), in the same transaction as its effect:
a poller killed before the commit leaves nothing behind and the message is processed again; a
second delivery, or a second poller racing the first (it waits on the unique index, then finds the
row), applies nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ApplicationError
from outbox.services import email_enqueue
from tickets.models import Ticket
from tickets.services import ticket_follow_up, ticket_reply

from ..models import InboundMessage
from ..quotes import strip_quotes
from ..tokens import looks_like_reply_address, parse_reply_address, parse_thread_references
from .parsing import ParsedMessage, message_parse

logger = logging.getLogger(__name__)
Outcome = InboundMessage.Outcome
RAW_KEPT_BYTES = 5 * 1024 * 1024  # what analysts read of the original; files past it stay in the mailbox


@dataclass(frozen=True)
class InboundResult:
    record: InboundMessage
    duplicate: bool  # already recorded: nothing was done this time


class _Refusal(Exception):
    """Stop here: refused for `reason` (for analysts); `notify`: answer the sender; `detail`: a
    sentence the refusal e-mail may tell them (only about their own message)."""

    def __init__(self, reason: str, *, notify: bool = True, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.notify = notify
        self.detail = detail


def inbound_message_process(raw: bytes, *, source: str) -> InboundResult:
    """Apply one incoming e-mail once (see the module docstring). `DomainError` (code "broken")
    only when the bytes are not an e-mail at all; every other outcome is recorded."""
    parsed = message_parse(raw)
    with transaction.atomic():
        existing = InboundMessage.objects.filter(message_id=parsed.message_id).first()
        if existing is not None:
            return InboundResult(existing, duplicate=True)
        record = InboundMessage(
            message_id=parsed.message_id,
            source=source,
            sender=parsed.sender[:254],
            subject=parsed.subject,
            outcome=Outcome.REFUSED,
            raw=raw[:RAW_KEPT_BYTES],
        )
        try:
            with transaction.atomic():
                record.save(force_insert=True)  # a concurrent poller waits here, then fails
        except IntegrityError:
            return InboundResult(InboundMessage.objects.get(message_id=parsed.message_id), duplicate=True)
        try:
            _apply(parsed, record)
        except _Refusal as refusal:
            record.outcome = Outcome.REFUSED
            record.reason = refusal.reason
            record.ticket = None
            if refusal.notify and parsed.sender:
                _send_refusal(parsed, record, detail=refusal.detail)
        record.save(update_fields=["outcome", "reason", "target_number", "ticket", "author", "refusal_sent"])
    logger.info("inbox: %s %s -> %s %s", source, parsed.message_id, record.outcome, record.reason)
    return InboundResult(record, duplicate=False)


def _sender_user(address: str) -> User | None:
    if not address:
        return None
    return (
        User.objects.select_related("contact__company", "partner_consultant")
        .filter(email__iexact=address)
        .first()
    )


def _target(parsed: ParsedMessage) -> tuple[str, bool]:
    """The ticket number the message names ("" for none) and whether it carries a forged token."""
    forged = False
    for address in parsed.recipients:
        token = parse_reply_address(address)
        if token is not None:
            return token.ticket_number, False
        forged = forged or looks_like_reply_address(address)
    number = parse_thread_references(*parsed.references)
    if number:
        return number, False
    return "", forged


def _apply(parsed: ParsedMessage, record: InboundMessage) -> None:
    if parsed.automatic:
        raise _Refusal(
            _("Mensagem automática (%(why)s): ignorada.") % {"why": parsed.automatic}, notify=False
        )
    number, forged = _target(parsed)
    record.target_number = number
    user = _sender_user(parsed.sender)
    record.author = user
    if forged:
        raise _Refusal(_("Endereço de resposta inválido ou adulterado."))
    if user is None:
        raise _Refusal(
            _("Remetente desconhecido: nenhum usuário com o e-mail %(email)s.") % {"email": parsed.sender}
        )
    if not user.is_active:
        raise _Refusal(_("O usuário %(email)s está inativo.") % {"email": user.email})
    if access.is_staff(user):
        raise _Refusal(_("E-mail de um analista: analistas respondem pelo back-office."))
    if number:
        _reply(parsed, record, user, number)
    else:
        _new_ticket(parsed, record, user)


def _uploads(parsed: ParsedMessage) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(file.name, file.content, content_type="application/octet-stream")
        for file in parsed.attachments
    ]


def _reply(parsed: ParsedMessage, record: InboundMessage, user: User, number: str) -> None:
    ticket = Ticket.objects.select_related(*access.TICKET_RELATED).filter(number=number).first()
    if ticket is None:
        raise _Refusal(_("O chamado %(number)s não existe.") % {"number": number})
    try:
        access.ticket_actor_role(user, ticket)
    except ApplicationError:
        raise _Refusal(
            _("%(email)s não pode agir no chamado %(number)s.") % {"email": user.email, "number": number}
        ) from None
    body = strip_quotes(parsed.text)
    if not body and parsed.attachments:
        body = _("(Arquivos enviados por e-mail.)")
    try:
        with transaction.atomic():
            if ticket.is_closed:
                follow_up = ticket_follow_up(
                    actor=user,
                    original=ticket,
                    body=body,
                    files=_uploads(parsed),
                    channel=Ticket.Channel.EMAIL,
                )
                record.ticket, record.outcome = follow_up, Outcome.FOLLOW_UP
            else:
                message = ticket_reply(actor=user, ticket=ticket, body=body, files=_uploads(parsed))
                record.ticket = message.ticket
                record.outcome = Outcome.MESSAGE if message.ticket.pk == ticket.pk else Outcome.FOLLOW_UP
    except ApplicationError as error:
        # The sender may act on the ticket: telling them why (their file, their permission) is safe.
        raise _Refusal(str(error), detail=str(error)) from None
    record.reason = ""


def _new_ticket(parsed: ParsedMessage, record: InboundMessage, user: User) -> None:
    contact = access.contact_of(user)
    if contact is not None:
        try:
            access.ticket_opening_contact(user, contact.company)
            access.company_assert_can_open_ticket(company=contact.company, kind=Ticket.Kind.TECHNICAL)
        except ApplicationError as error:
            raise _Refusal(str(error), detail=str(error)) from None
    elif access.partner_unit_id(user) is None:
        raise _Refusal(_("O remetente não é contato de uma empresa cliente."))
    record.outcome = Outcome.NEEDS_INFO
    record.reason = _(
        "Sem chamado indicado: pedimos ao cliente produto, rotina, versão, ambiente e severidade."
    )
    summary = " ".join(parsed.subject.split())[:200]
    query = urlencode({"resumo": summary}) if summary else ""
    email_enqueue(
        to=user.email,
        template="inbox/needs_info",
        language=user.language,
        context={
            "name": user.get_short_name(),
            "subject": parsed.subject,
            "new_ticket_path": "/chamados/novo/" + (f"?{query}" if query else ""),
            "text": strip_quotes(parsed.text)[:2000],
        },
        dedupe_key=f"inbox-needs-info:{record.pk}",
        thread="",
    )


def _send_refusal(parsed: ParsedMessage, record: InboundMessage, *, detail: str) -> None:
    email_enqueue(
        to=parsed.sender,
        template="inbox/refused",
        language=record.author.language if record.author else settings.LANGUAGE_CODE,
        context={"subject": parsed.subject, "detail": detail},
        dedupe_key=f"inbox-refused:{record.pk}",
        thread="",
    )
    record.refusal_sent = True
