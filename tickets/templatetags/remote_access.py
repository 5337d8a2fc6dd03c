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
    open_ticket = ticket.status != Ticket.Status.CLOSED
    provided = (
        RemoteAccess.objects.filter(ticket=ticket).values("provided_at").first()
        if open_ticket and access.is_client(user)
        else None
    )
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "ticket": ticket,
        "show": open_ticket and access.is_client(user),
        "provided_at": provided["provided_at"] if provided else None,
    }
