"""Ticket pages of client contacts and partner consultants (TKT, ACC-3, ACC-6, TEN-2, TEN-3).

The objects are a ticket of Alfa opened by its contact, with an attachment; Beta's administrator
("other") gets 404 on both. Analysts work tickets in the back-office: the portal's ticket pages
answer them 403, except the attachment download the back-office links to.
"""

from tests.helpers import png

from . import LOGIN, open_ticket_for, row

#                                          anonymous other contact admin partner analyst leader
OPENING = row(LOGIN, 200, 200, 200, 200, 403, 403)

PORTAL = {
    "ticket-list": (lambda o: {}, row(LOGIN, 200, 200, 200, 200, 403, 403)),
    "ticket-new": (lambda o: {}, OPENING),
    "ticket-catalogue-options": (lambda o: {}, OPENING),
    "ticket-similar": (lambda o: {}, OPENING),
    "ticket-severity-preview": (lambda o: {}, OPENING),
    "ticket-detail": (
        lambda o: {"number": o["portal_ticket"].number},
        row(LOGIN, 404, 200, 200, 200, 403, 403),
    ),
    # POST only: a GET is refused before the ticket is looked up.
    "ticket-reply": (
        lambda o: {"number": o["portal_ticket"].number},
        row(LOGIN, 405, 405, 405, 405, 403, 403),
    ),
    "attachment-download": (
        lambda o: {"pk": o["portal_attachment"].pk},
        row(LOGIN, 404, 200, 200, 200, 200, 200),
    ),
}


def objects(world) -> dict:
    ticket = open_ticket_for(world, "portal", files=[png()])
    return {"portal_ticket": ticket, "portal_attachment": ticket.attachments.get()}
