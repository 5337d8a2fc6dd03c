"""The ticket page's remote-access card (CHN-4): whether credentials were given, and the form."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import access

from ..models import RemoteAccess, Ticket

register = template.Library()


@register.inclusion_tag("tickets/_remote_access_card.html", takes_context=True)
def remote_access_card(context: dict[str, Any], ticket: Ticket) -> dict[str, Any]:
    user = context["request"].user
    show = ticket.status != Ticket.Status.CLOSED and access.is_client(user)
    provided_at = None
    if show:
        # The ticket page reads it with the ticket (`remote_access_given_at`); a page that did not asks.
        if hasattr(ticket, "remote_access_given_at"):
            provided_at = ticket.remote_access_given_at
        else:
            provided = RemoteAccess.objects.filter(ticket=ticket).values("provided_at").first()
            provided_at = provided["provided_at"] if provided else None
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "ticket": ticket,
        "show": show,
        "provided_at": provided_at,
    }
