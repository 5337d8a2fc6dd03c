"""Display helpers of the ticket pages, over the presenters: Brasília time, business durations,
status colours and the list's forecast state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django import template
from django.utils.safestring import SafeString

from core.durations import format_duration
from core.periods import format_local, local

from ..models import Ticket
from ..presenters import table
from ..presenters.labels import SEVERITY_BADGES, STATUS_BADGES
from ..presenters.sla import portal_state

register = template.Library()


@register.filter
def br_datetime(value: datetime | None) -> str:
    """dd/mm/aaaa HH:MM in Brasília time, whatever the active time zone."""
    return format_local(value)


@register.filter
def br_iso(value: datetime | None) -> str:
    """The machine-readable instant of a <time> element."""
    return local(value).isoformat(timespec="minutes") if value else ""


@register.filter
def duration(seconds: int | None) -> str:
    """Business time in hours and minutes: '3 h 20 min', '16 h', '45 min'."""
    return format_duration(seconds)


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-light border")


@register.filter
def severity_badge(severity: str) -> str:
    return SEVERITY_BADGES.get(severity, "text-bg-light border")


@register.simple_tag
def ticket_rows(tickets: Iterable[Ticket], now: datetime, show_company: bool) -> SafeString:
    """The body rows of the portal's ticket table (tickets.presenters.table)."""
    return table.ticket_rows(tickets, now=now, show_company=bool(show_company))


@register.simple_tag
def forecast_state(ticket: Ticket, now: datetime) -> str:
    """The list's forecast column: closed, paused, breached, risk or ok (from the stored SLA fields)."""
    return portal_state(ticket, now)
