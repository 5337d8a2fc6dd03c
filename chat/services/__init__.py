"""Every write of the chat (CHN-3): the conversation's life and the ticket it becomes."""

from .conversations import (
    MAX_TEXT,
    conversation_close,
    conversation_email_transcript,
    conversation_start,
    conversation_take,
    file_attach,
    message_post,
)
from .ticketing import TicketFields, conversation_ticket_generate

__all__ = [
    "MAX_TEXT",
    "TicketFields",
    "conversation_close",
    "conversation_email_transcript",
    "conversation_start",
    "conversation_take",
    "conversation_ticket_generate",
    "file_attach",
    "message_post",
]
