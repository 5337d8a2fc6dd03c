"""Canned replies (macros): filled in for a ticket with plain text replacement of a fixed set of
placeholders (never a template engine: a reply cannot reach anything but these values), and sent
to several tickets at once, one public message per ticket through `ticket_reply`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.periods import format_local

from ..models import CannedReply, Message, Ticket
from ..models.replies import PLACEHOLDER, PLACEHOLDERS
from .conversation import ticket_reply


def placeholder_values(ticket: Ticket, analyst: User) -> dict[str, str]:
    """What each placeholder stands for on `ticket` when `analyst` sends it."""
    requester = ticket.requester
    return {
        "cliente": requester.full_name or requester.email,
        "empresa": ticket.company.trade_name,
        "chamado": ticket.number,
        "resumo": ticket.summary,
        "prazo": format_local(ticket.sla_due_at, empty=_("relógio parado")),
        "analista": analyst.full_name or analyst.email,
        "equipe": ticket.team.name,
    }


def canned_reply_render(text: str, *, ticket: Ticket, analyst: User) -> str:
    """`text` with its placeholders filled in; an unknown one (saved before the rule) is kept as typed."""
    return _fill(text, placeholder_values(ticket, analyst))


def _fill(text: str, values: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        return values[name] if name in PLACEHOLDERS else match.group(0)

    return PLACEHOLDER.sub(fill, text)


def canned_reply_send(
    *,
    actor: User,
    reply: CannedReply,
    ticket: Ticket,
    now: datetime | None = None,
) -> Message:
    """Send `reply`, filled in for `ticket`, as a public message of `actor` (a reply of another
    team than the actor's is not found)."""
    reply = access.access_canned_reply(actor, reply.pk)
    body = canned_reply_render(reply.body, ticket=ticket, analyst=actor)
    return ticket_reply(actor=actor, ticket=ticket, body=body, now=now or timezone.now())


@dataclass(frozen=True)
class ReplyChoice:
    """A reply as the work page offers it: already filled in for the ticket."""

    pk: int
    title: str
    team: str
    text: str


def canned_replies_for(
    user: User, ticket: Ticket, replies: Iterable[CannedReply] | None = None
) -> list[ReplyChoice]:
    """The active replies `user` may insert on `ticket`'s work page, filled in, the ticket's team first."""
    if replies is None:
        replies = access.canned_replies_visible_to(user).filter(is_active=True)
    values = placeholder_values(ticket, user)
    rows = [
        ReplyChoice(reply.pk, reply.title, reply.team.name, _fill(reply.body, values)) for reply in replies
    ]
    rows.sort(key=lambda row: (row.team != ticket.team.name, row.team, row.title))
    return rows
