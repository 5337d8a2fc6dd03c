"""The ticket page's remote-access card (CHN-4): whether credentials were given, and the form."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import access
from core.prepared import prepared_fetch

from ..models import RemoteAccess, Ticket

register = template.Library()


@register.inclusion_tag("tickets/_remote_access_card.html", takes_context=True)
def remote_access_card(context: dict[str, Any], ticket: Ticket) -> dict[str, Any]:
    user = context["request"].user
    show = ticket.status != Ticket.Status.CLOSED and access.is_client(user)
    # On every open ticket's page: a prepared read (`core.prepared`).
    provided = (
        prepared_fetch(
            "remote_access_provided",
            lambda ticket_id: (
                RemoteAccess.objects.filter(ticket_id=ticket_id).only("provided_at").order_by("pk")[:1]
            ),
            {"ticket_id": ticket.pk},
        )
        if show
        else []
    )
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "ticket": ticket,
        "show": show,
        "provided_at": provided[0].provided_at if provided else None,
        "form": context.get("remote_access_form"),  # a refused one: what was typed, and why
    }
