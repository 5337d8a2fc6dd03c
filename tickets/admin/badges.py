"""The back-office's badges: status, severity and SLA state, as small HTML spans.

A badge depends on its value and the language alone: each is rendered once per language and
process (`_badges`), not once per row (a page of 50 tickets used to translate and format 150 of
them). In the queue (`short=True`) a long label shows a short word (the columns stay narrow),
with the whole label in its title and in a visually hidden span for screen readers.
"""

from __future__ import annotations

from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sla.models import Severity

from ..deadlines import SlaState
from ..models import Ticket

# Short words for the labels that do not fit a narrow column.
SHORT: dict[str, dict[str, object]] = {
    "sla": {SlaState.PAUSED: _("Parado")},
    "status": {
        Ticket.Status.PENDING_CLIENT: _("Pendência"),
        Ticket.Status.IN_MAINTENANCE: _("Manutenção"),
        Ticket.Status.AWAITING_VALIDATION: _("Validação"),
    },
    "sev": {},
}
CHOICES = {"sla": SlaState.choices, "status": Ticket.Status.choices, "sev": Severity.choices}


def badge(kind: str, value: str, label: object, short: object | None = None) -> SafeString:
    if short is None or str(short) == str(label):
        return format_html('<span class="tk-badge tk-{}-{}">{}</span>', kind, value, label)
    return format_html(
        '<span class="tk-badge tk-{}-{}" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        kind,
        value,
        label,
        short,
        label,
    )


@cache
def _badges(language: str | None, short: bool) -> dict[str, dict[str, SafeString]]:
    """Every badge in `language` (the active one when called: the cache key)."""
    return {
        kind: {
            value: badge(kind, value, label, SHORT[kind].get(value) if short else None)
            for value, label in choices
        }
        for kind, choices in CHOICES.items()
    }


def _badge(kind: str, value: str, short: bool) -> SafeString:
    rendered = _badges(get_language(), short)[kind].get(value)
    return rendered if rendered is not None else badge(kind, value, value)


def sla_html(state: SlaState, *, short: bool = False) -> SafeString:
    return _badge("sla", state.value, short)


def status_html(ticket: Ticket, *, short: bool = False) -> SafeString:
    return _badge("status", ticket.status, short)


def severity_html(ticket: Ticket, *, short: bool = False) -> SafeString:
    return _badge("sev", ticket.severity, short)
