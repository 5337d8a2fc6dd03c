"""Labels and colours of statuses and severities, for every page."""

from __future__ import annotations

from sla.models import Severity

from ..models import Ticket

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


def status_label(value: str) -> str:
    return str(Ticket.Status(value).label) if value in Ticket.Status.values else value


def severity_label(value: str) -> str:
    return str(Severity(value).label) if value in Severity.values else value
