"""Tickets: catalogue and routing, acceptance policies, the ticket, its history, messages,
attachments and notices (TKT, SEV, SLA, ACP in ../shared/SPEC.md).

Every write goes through tickets/services/ and tickets/workflow/; reads a user triggers go
through accounts/access.py and tickets/selectors.py.
"""

from .catalogue import Product, ProductVersion, Routine, Team
from .phone import PhoneDesk
from .policies import AcceptancePolicy
from .remote_access import Credentials, RemoteAccess
from .replies import CannedReply
from .seen import TicketSeen
from .ticket import Ticket
from .timeline import TEXT_MAX, Attachment, Message, TicketEvent, TicketNotice, attachment_path

__all__ = [
    "TEXT_MAX",
    "AcceptancePolicy",
    "Attachment",
    "CannedReply",
    "Credentials",
    "Message",
    "PhoneDesk",
    "Product",
    "ProductVersion",
    "RemoteAccess",
    "Routine",
    "Team",
    "Ticket",
    "TicketEvent",
    "TicketNotice",
    "TicketSeen",
    "attachment_path",
]
