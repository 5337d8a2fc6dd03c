"""The back-office's badges: status, severity and SLA state, as small HTML spans."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..deadlines import SlaState
from ..models import Ticket


def badge(kind: str, value: str, label: object) -> SafeString:
    return format_html('<span class="tk-badge tk-{}-{}">{}</span>', kind, value, label)


def sla_html(state: SlaState) -> SafeString:
    return badge("sla", state.value, state.label)


def status_html(ticket: Ticket) -> SafeString:
    return badge("status", ticket.status, ticket.get_status_display())


def severity_html(ticket: Ticket) -> SafeString:
    return badge("sev", ticket.severity, ticket.get_severity_display())
