"""Small display helpers of the ticket pages: Brasília time, business durations, status colours."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from sla.services import SAO_PAULO

register = template.Library()

STATUS_BADGES = {
    "new": "text-bg-primary",
    "in_analysis": "text-bg-info",
    "pending_client": "text-bg-warning",
    "in_maintenance": "badge-maintenance",
    "awaiting_validation": "text-bg-success",
    "closed": "text-bg-secondary",
}
SEVERITY_BADGES = {
    "critical": "text-bg-danger",
    "high": "badge-high",
    "medium": "text-bg-light border",
    "low": "text-bg-light border text-body-secondary",
}


@register.filter
def br_datetime(value: datetime | None) -> str:
    """dd/mm/aaaa HH:MM in Brasília time, whatever the active time zone."""
    if not value:
        return ""
    return timezone.localtime(value, SAO_PAULO).strftime("%d/%m/%Y %H:%M")


@register.filter
def br_iso(value: datetime | None) -> str:
    """The machine-readable instant of a <time> element."""
    return timezone.localtime(value, SAO_PAULO).isoformat(timespec="minutes") if value else ""


@register.filter
def duration(seconds: int | None) -> str:
    """Business time in hours and minutes: '3 h 20 min', '16 h', '45 min'."""
    seconds = abs(int(seconds or 0))
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    if hours and minutes:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": minutes}


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-light border")


@register.filter
def severity_badge(severity: str) -> str:
    return SEVERITY_BADGES.get(severity, "text-bg-light border")


@register.simple_tag
def forecast_state(ticket, now: datetime) -> str:
    """The list's forecast column: closed, paused, breached, risk or ok (from the stored SLA fields)."""
    if ticket.status == "closed":
        return "closed"
    if ticket.sla_paused or ticket.sla_due_at is None:
        return "paused"
    if ticket.sla_due_at < now:
        return "breached"
    if ticket.sla_risk_at and ticket.sla_risk_at <= now:
        return "risk"
    return "ok"
