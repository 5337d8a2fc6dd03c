"""Portal pages of tickets for client contacts and partner consultants (TKT-1..7, TKT-10, SLA-1/5/7).

Thin views: input through forms, reads through accounts/access.py and tickets/selectors.py, writes
through tickets/services/. Analysts work tickets in the back-office (tickets/admin/).
"""

from .detail import TicketDetailView, TicketReplyView, attachment_download
from .listing import TicketListView
from .opening import CatalogueOptionsView, SeverityPreviewView, SimilarTicketsView, TicketCreateView

__all__ = [
    "CatalogueOptionsView",
    "SeverityPreviewView",
    "SimilarTicketsView",
    "TicketCreateView",
    "TicketDetailView",
    "TicketListView",
    "TicketReplyView",
    "attachment_download",
]
