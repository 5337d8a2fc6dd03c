"""Incoming e-mail (CHN-1): one service for both paths (IMAP poller, MTA pipe), one module per
subject: parsing (headers, text, files, automatic messages), processing (what a message does,
recorded once), imap (the poller)."""

from .imap import ImapConfig, PollReport, imap_config, imap_poll
from .parsing import ParsedMessage, message_parse
from .processing import InboundResult, inbound_message_process

__all__ = [
    "ImapConfig",
    "InboundResult",
    "ParsedMessage",
    "PollReport",
    "imap_config",
    "imap_poll",
    "inbound_message_process",
    "message_parse",
]
