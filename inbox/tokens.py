"""The reply address that identifies a ticket and its recipient (CHN-1, TKT-7).

Every ticket e-mail carries `Reply-To: <local>+<number>.<user id>.<signature>@<domain>`, built from
`MAIL_REPLY_ADDRESS` (e.g. `suporte@portal.example`). The signature is an HMAC of the ticket number
and the user id under the project's secret key (lower-case hex, since mail systems may change the
case of an address), so a forged or edited address is refused. The token names who the message was
sent to; the incoming-mail service still checks that the sender may write on that ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "inbox.reply-address"
_TOKEN = re.compile(r"^(?P<number>[1-9]\d{7})\.(?P<user>\d{1,12})\.(?P<signature>[0-9a-f]{20})$")


@dataclass(frozen=True)
class ReplyToken:
    ticket_number: str
    user_id: int


def _signature(number: str, user_id: int) -> str:
    return salted_hmac(SALT, f"{number}.{user_id}", algorithm="sha256").hexdigest()[:20]


def _base() -> tuple[str, str]:
    local, _, domain = str(settings.MAIL_REPLY_ADDRESS).rpartition("@")
    return local, domain.lower()


def reply_address(ticket_number: str, user_id: int) -> str:
    """The address a recipient answers to write on the ticket."""
    local, domain = _base()
    return f"{local}+{ticket_number}.{user_id}.{_signature(ticket_number, user_id)}@{domain}"


def parse_reply_address(address: str) -> ReplyToken | None:
    """The ticket and recipient an address names, or None (not ours, no token, bad signature)."""
    local, domain = _base()
    mailbox, _, at = address.strip().strip("<>").rpartition("@")
    if at.lower() != domain or "+" not in mailbox:
        return None
    base, _, token = mailbox.partition("+")
    if base.lower() != local.lower():
        return None
    match = _TOKEN.match(token.lower())
    if not match:
        return None
    number, user_id = match["number"], int(match["user"])
    if not constant_time_compare(match["signature"], _signature(number, user_id)):
        return None
    return ReplyToken(ticket_number=number, user_id=user_id)


def mail_domain() -> str:
    """The domain of the project's own addresses and Message-IDs (that of `MAIL_REPLY_ADDRESS`)."""
    return _base()[1]


def _thread_signature(number: str) -> str:
    return salted_hmac(SALT + ".thread", number, algorithm="sha256").hexdigest()[:12]


_THREAD = re.compile(r"^<?ticket-(?P<number>[1-9]\d{7})\.(?P<signature>[0-9a-f]{12})@(?P<domain>[^>\s]+)>?$")


def thread_message_id(ticket_number: str) -> str:
    """The Message-ID of a ticket's thread root, which every e-mail about the ticket names in
    `In-Reply-To` and `References` so mail clients show one conversation per ticket. Signed like
    the reply address: a reply's `References` identifies the ticket only if we wrote it."""
    return f"<ticket-{ticket_number}.{_thread_signature(ticket_number)}@{mail_domain()}>"


def parse_thread_references(*values: str) -> str | None:
    """The ticket number named by a genuine thread root among `In-Reply-To` / `References` values
    (each possibly a list of Message-IDs), or None."""
    domain = mail_domain()
    for value in values:
        for candidate in re.findall(r"<[^<>\s]+>", value or ""):
            match = _THREAD.match(candidate.lower())
            if not match or match["domain"] != domain:
                continue
            if constant_time_compare(match["signature"], _thread_signature(match["number"])):
                return match["number"]
    return None


def looks_like_reply_address(address: str) -> bool:
    """Whether an address is of the reply kind (`<local>+…@<domain>`), valid or not: one whose
    token `parse_reply_address` refuses was forged or damaged."""
    local, domain = _base()
    mailbox, _, at = address.strip().strip("<>").rpartition("@")
    return at.lower() == domain and mailbox.lower().startswith(f"{local.lower()}+")
