"""A conversation's life (CHN-3): started by the client, taken by an analyst (first come, first
served), messages and files both ways, closed by either side, e-mailed to the client."""

from __future__ import annotations

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, User
from core.errors import ConflictError, DomainError, ForbiddenError, NotFoundError
from core.periods import format_local
from outbox.services import email_enqueue
from tickets.attachments import check_upload
from tickets.models import Product

from .. import presenters, selectors
from ..models import ChatFile, ChatMessage, Conversation
from .broadcast import broadcast

S = Conversation.Status
MAX_TEXT = 4000


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Escreva a mensagem."), field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("A mensagem passa de %(n)d caracteres: divida-a em partes.") % {"n": MAX_TEXT}, field="text"
        )
    return text


@transaction.atomic
def conversation_start(
    *, actor: User, company: Company, product: Product | None, text: str, now: datetime | None = None
) -> Conversation:
    """Start a chat with its first message; it waits for an analyst of the product's team (of any
    team without a product)."""
    now = now or timezone.now()
    access.chat_assert_can_start(actor, company)
    text = _clean_text(text)
    if product is not None and (
        not product.is_active or not company.product_lines.filter(pk=product.line_id).exists()
    ):
        raise DomainError(_("Sua empresa não contratou a linha deste produto."), field="product")
    conversation = Conversation.objects.create(
        company=company,
        client=actor,
        product=product,
        team=product.default_team if product is not None else None,
        status=S.WAITING,
        created_at=now,
    )
    ChatMessage.objects.create(conversation=conversation, author=actor, text=text, created_at=now)
    return conversation


@transaction.atomic
def message_post(
    *, actor: User, conversation: Conversation, text: str, now: datetime | None = None
) -> ChatMessage:
    """A message of either side, then shown live on both pages."""
    access.chat_assert_can_write(actor, conversation)
    message = ChatMessage.objects.create(
        conversation=conversation, author=actor, text=_clean_text(text), created_at=now or timezone.now()
    )
    broadcast(conversation.pk, presenters.message_event(message))
    return message


@transaction.atomic
def file_attach(
    *,
    actor: User,
    conversation: Conversation,
    upload: UploadedFile[bytes] | None,
    now: datetime | None = None,
) -> ChatFile:
    """A file sent in the chat: the ticket attachments' checks (size, type, content; TKT-10)."""
    access.chat_assert_can_write(actor, conversation)
    if upload is None:
        raise DomainError(_("Escolha um arquivo."), field="file")
    checked = check_upload(upload)
    chat_file = ChatFile(
        conversation=conversation,
        uploaded_by=actor,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        created_at=now or timezone.now(),
    )
    chat_file.file.save(checked.name, checked.upload, save=False)
    chat_file.save()
    broadcast(conversation.pk, presenters.file_event(chat_file))
    return chat_file


@transaction.atomic
def conversation_take(
    *, actor: User, conversation: Conversation, now: datetime | None = None
) -> Conversation:
    """An analyst takes a waiting conversation. First come, first served: a compare-and-set on the
    status, so of two analysts taking it at once exactly one wins and the other is told."""
    access.require_staff(actor)
    now = now or timezone.now()
    taken = Conversation.objects.filter(pk=conversation.pk, status=S.WAITING).update(
        status=S.ACTIVE, analyst=actor, taken_at=now
    )
    if not taken:
        raise ConflictError(
            _("Esta conversa já foi atendida por outro analista ou encerrada."), code="conversation_taken"
        )
    conversation.refresh_from_db()
    broadcast(conversation.pk, presenters.status_event(conversation))
    return conversation


@transaction.atomic
def conversation_close(
    *, actor: User, conversation: Conversation, now: datetime | None = None
) -> Conversation:
    """Either side ends the conversation (the client, the analyst who took it, or a leader)."""
    access.chat_assert_can_write(actor, conversation)
    if access.is_staff(actor) and conversation.status == S.WAITING and not access.is_leader(actor):
        raise ForbiddenError(_("Atenda a conversa antes de encerrá-la."))
    now = now or timezone.now()
    closed = (
        Conversation.objects.filter(pk=conversation.pk)
        .exclude(status=S.CLOSED)
        .update(status=S.CLOSED, closed_at=now, closed_by=actor)
    )
    if not closed:
        raise ConflictError(_("Esta conversa já foi encerrada."), code="conversation_closed")
    conversation.refresh_from_db()
    broadcast(conversation.pk, presenters.status_event(conversation))
    return conversation


def conversation_email_transcript(*, actor: User, conversation: Conversation) -> str:
    """E-mail the transcript to the conversation's client through the outbox (OPS-2); returns the
    address it goes to. The client asks for it; staff may send it to them too."""
    if not access.conversations_visible_to(actor).filter(pk=conversation.pk).exists():
        raise NotFoundError
    client = conversation.client
    if not client.is_active:
        raise DomainError(_("O contato desta conversa está inativo."), code="contact_inactive")
    messages = selectors.conversation_messages(conversation)
    files = selectors.conversation_files(conversation)
    email_enqueue(
        to=client.email,
        template="chat/transcript",
        language=client.language,
        context={
            "name": client.get_short_name(),
            "started_at": format_local(conversation.created_at, presenters.TIME_FORMAT),
            "lines": presenters.transcript_lines(messages, files),
            "ticket_number": conversation.ticket.number if conversation.ticket else "",
            "chat_path": f"/chat/{conversation.pk}/",
        },
    )
    return client.email
