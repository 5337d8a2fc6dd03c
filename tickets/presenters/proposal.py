"""The solution the client is asked to validate (ACP-1): the text of the move that proposed it,
quoted in the validation card instead of "see the last message"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..models import Message, Ticket, TicketEvent

S = Ticket.Status


@dataclass(frozen=True)
class ProposedSolution:
    text: str
    author_name: str
    at: datetime


def proposed_solution(
    ticket: Ticket, messages: Iterable[Message], events: Iterable[TicketEvent]
) -> ProposedSolution | None:
    """The latest proposal of a ticket awaiting validation, from the rows the page already loaded:
    the reason of the move to validation or, when the move carried none, the first public staff
    message written with it or after it."""
    if ticket.status != S.AWAITING_VALIDATION:
        return None
    moves = [e for e in events if e.kind == TicketEvent.Kind.STATUS and e.to_value == S.AWAITING_VALIDATION]
    if not moves:
        return None
    move = moves[-1]
    author = move.actor.full_name if move.actor is not None else ""
    if move.reason.strip():
        return ProposedSolution(text=move.reason.strip(), author_name=author, at=move.created_at)
    for message in messages:
        if message.created_at >= move.created_at and not message.is_internal and message.author.is_staff:
            return ProposedSolution(
                text=message.body, author_name=message.author.full_name, at=message.created_at
            )
    return None
