"""What a chat page, its live updates and the transcript e-mail show: one format for all three."""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.periods import format_local

from .models import ChatFile, ChatMessage, Conversation

TIME_FORMAT = "%d/%m/%Y %H:%M"


STAFF_ROLES = (User.Role.ANALYST, User.Role.LEADER)


def side_of(user: User) -> str:
    """The support team's side or the company's, by role: an analyst who has since left still
    wrote as the team."""
    return "staff" if user.role in STAFF_ROLES else "client"


def author_label(user: User) -> str:
    if user.role in STAFF_ROLES:
        return _("%(name)s (Atendimento)") % {"name": user.get_short_name()}
    return user.full_name or user.email


def message_event(message: ChatMessage) -> dict[str, Any]:
    return {
        "kind": "message",
        "id": message.pk,
        "side": side_of(message.author),
        "author": author_label(message.author),
        "text": message.text,
        "at": format_local(message.created_at, TIME_FORMAT),
    }


def file_event(chat_file: ChatFile) -> dict[str, Any]:
    return {
        "kind": "file",
        "id": chat_file.pk,
        "side": side_of(chat_file.uploaded_by),
        "author": author_label(chat_file.uploaded_by),
        "name": chat_file.original_name,
        "size": str(filesizeformat(chat_file.size)),
        "url": reverse("chat-file-download", kwargs={"pk": chat_file.pk}),
        "at": format_local(chat_file.created_at, TIME_FORMAT),
    }


def status_text(conversation: Conversation) -> str:
    status = Conversation.Status
    if conversation.status == status.WAITING:
        return _("Aguardando um analista. Você pode ir escrevendo: ele lerá tudo ao atender.")
    if conversation.status == status.ACTIVE and conversation.analyst is not None:
        return _("Em atendimento com %(name)s.") % {"name": conversation.analyst.get_short_name()}
    return _("Conversa encerrada.")


def status_event(conversation: Conversation) -> dict[str, Any]:
    return {
        "kind": "status",
        "status": conversation.status,
        "label": str(Conversation.Status(conversation.status).label),
        "text": status_text(conversation),
        "analyst": conversation.analyst.get_short_name() if conversation.analyst else "",
    }


def ticket_event(conversation: Conversation) -> dict[str, Any]:
    ticket = conversation.ticket
    if ticket is None:
        return {}
    return {
        "kind": "ticket",
        "number": ticket.number,
        "client_url": reverse("ticket-detail", kwargs={"number": ticket.number}),
        "staff_url": reverse("admin:tickets_ticket_change", args=[ticket.pk]),
        "text": _("Esta conversa gerou o chamado %(number)s.") % {"number": ticket.number},
    }


def timeline(messages: list[ChatMessage], files: list[ChatFile]) -> list[dict[str, Any]]:
    """Messages and files in the order they were sent (the page's transcript)."""
    entries = [(m.created_at, 0, m.pk, message_event(m)) for m in messages]
    entries += [(f.created_at, 1, f.pk, file_event(f)) for f in files]
    return [entry[3] for entry in sorted(entries, key=lambda e: (e[0], e[1], e[2]))]


def transcript_lines(messages: list[ChatMessage], files: list[ChatFile]) -> list[str]:
    """The conversation as plain text lines, for the ticket and the e-mail."""
    lines = []
    for event in timeline(messages, files):
        if event["kind"] == "message":
            lines.append(f"[{event['at']}] {event['author']}: {event['text']}")
        else:
            lines.append(
                f"[{event['at']}] {event['author']}: "
                + _("enviou o arquivo %(name)s (%(size)s)") % {"name": event["name"], "size": event["size"]}
            )
    return lines
