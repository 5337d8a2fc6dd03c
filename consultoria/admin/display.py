"""How the consultancy back-office shows things: status badges, money and percentages, people, and
each session with its entries and statement line, ready for the templates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import User
from core.money import brl
from core.periods import format_local

from ..billing import Totals
from ..models import Consultancy, Term, TimeEntry
from ..selectors import StatementLine

STYLESHEETS = ("css/admin-tickets.css", "css/admin-consultoria.css")
MEDIA = forms.Media(css={"all": STYLESHEETS})


def status_html(consultancy: Consultancy) -> SafeString:
    return format_html(
        '<span class="tk-badge cs-status-{}">{}</span>', consultancy.status, consultancy.get_status_display()
    )


def percent(value: Decimal) -> str:
    """14,25 % (decimal comma, no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",") + " %"


def person(user: User | None) -> str:
    if user is None:
        return "—"
    return user.full_name or user.email


def term_of(consultancy: Consultancy) -> Term | None:
    """The consultancy's term, or None before a leader approves (or after a refusal)."""
    return getattr(consultancy, "term", None)


def payer_text(consultancy: Consultancy) -> str:
    if consultancy.payer == Consultancy.Payer.UNIT and consultancy.payer_unit is not None:
        unit = consultancy.payer_unit.name
        return _("%(unit)s, a unidade parceira (nada é cobrado da empresa)") % {"unit": unit}
    return _("A empresa cliente")


def ticket_link(consultancy: Consultancy) -> SafeString:
    """The ticket's number, linking to its work page."""
    ticket = consultancy.ticket
    return format_html(
        '<a class="tk-number" href="{}">{}</a>',
        reverse("admin:tickets_ticket_change", args=[ticket.pk]),
        ticket.number,
    )


def entry_period(entry: TimeEntry) -> str:
    return f"{format_local(entry.started_at)}–{format_local(entry.ended_at, '%H:%M')}"


def session_views(rows: list[StatementLine]) -> list[dict[str, Any]]:
    """Each session with its entries (and their corrections, read up front) and its statement line,
    its money already in R$."""
    return [
        {
            "session": row.session,
            "entries": list(row.session.entries.all()),
            "line": row.line,
            "billed_to_unit": row.billed_to_unit,
            "price": brl(row.line.price_per_minute),
            "amount": brl(row.amount),
            "taxes": brl(row.taxes),
            "total": brl(row.total),
        }
        for row in rows
    ]


def term_facts(term: Term | None) -> dict[str, str]:
    """The money of a term in words: price per minute, minimum, taxes."""
    if term is None:
        return {}
    return {
        "price": brl(term.price_per_minute),
        "minimum": _("mínimo de %(n)d minutos por sessão") % {"n": term.minimum_minutes}
        if term.minimum_minutes
        else _("sem mínimo"),
        "taxes": percent(term.tax_percentage),
    }


def totals_view(rows: list[StatementLine]) -> dict[str, Any]:
    """The sums of the rounded lines (as a statement sums them), the money in R$."""
    totals = Totals()
    for row in rows:
        totals.add(row.line, charged=row.charged)
    return {
        "sums": totals,
        "amount": brl(totals.amount),
        "taxes": brl(totals.taxes),
        "total": brl(totals.total),
    }
