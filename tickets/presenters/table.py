"""The rows of the portal's ticket table (templates/tickets/_ticket_table.html), written in Python.

Through the template engine a row was some forty nodes, each rendered on its own: a page of 25
rows cost about as much as the query that read them. Here the labels, the translations and the
ticket URL's prefix are computed once per page and each row is one `format_html`; the markup is
the one the template wrote (the tests read the page, the browser tests its phone layout).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.periods import format_local, local

from ..models import Ticket
from .labels import SEVERITY_BADGES, STATUS_BADGES
from .sla import portal_state

PLACEHOLDER = "00000000"  # a valid ticket number, replaced by each row's
ROW = (
    '<tr><th scope="row" class="text-nowrap">{dot}<a href="{url}" class="font-monospace{bold}">{number}</a>'
    "{news}</th>"
    '<td data-label="{l_summary}" class="ticket-summary"><a href="{url}" '
    'class="link-body-emphasis text-decoration-none">{summary}</a>{kind}</td>'
    "{company}"
    '<td data-label="{l_status}"><span class="badge {status_badge}">{status}</span></td>'
    '<td data-label="{l_severity}"><span class="badge {severity_badge}">{severity}</span></td>'
    '<td data-label="{l_product}">{product}</td>'
    '<td data-label="{l_opened}" class="ticket-opened"><time datetime="{opened_iso}">{opened}</time></td>'
    '<td data-label="{l_forecast}" class="ticket-forecast">{forecast}</td></tr>'
)
COLUMN_LABELS = ("l_summary", "l_status", "l_severity", "l_product", "l_opened", "l_forecast")
NEWS_DOT = SafeString('<span class="ticket-news-dot me-1" aria-hidden="true"></span>')
NEWS = ' <span class="badge text-bg-primary ticket-news">{}</span>'
KIND = ' <span class="badge text-bg-light border ms-1">{}</span>'
COMPANY = '<td data-label="{}">{}</td>'
DUE = '<time datetime="{}">{}</time>'
FLAGGED_DUE = (
    '<span class="{} fw-semibold"><i class="bi {} me-1" aria-hidden="true"></i>'
    '<time datetime="{}">{}</time></span> <span class="visually-hidden">{}</span>'
)
PAUSED = (
    '<span class="text-body-secondary"><i class="bi bi-pause-circle me-1" aria-hidden="true"></i>{}</span>'
    '<div class="small text-body-secondary">{}</div>'
)


def _iso(value: datetime | None) -> str:
    return local(value).isoformat(timespec="minutes") if value else ""


def _texts() -> dict[str, str]:
    """The words every row repeats, in the active language."""
    return {
        "l_summary": _("Resumo"),
        "l_company": _("Empresa"),
        "l_status": _("Situação"),
        "l_severity": _("Severidade"),
        "l_product": _("Produto"),
        "l_opened": _("Aberto em"),
        "l_forecast": _("Previsão"),
        "news": _("novidade"),
        "closed": _("encerrado"),
        "paused": _("relógio parado"),
        "resumes_on_answer": _("retoma se você recusar a solução ou escrever"),
        "resumes_on_reply": _("retoma quando você responder"),
        "breached": _("(prazo ultrapassado)"),
        "risk": _("(menos de 20 % do prazo restante)"),
    }


def _forecast(ticket: Ticket, now: datetime, texts: dict[str, str]) -> SafeString:
    state = portal_state(ticket, now)
    if state == "closed":
        return format_html('<span class="text-body-secondary">{}</span>', texts["closed"])
    if state == "paused":
        waiting_answer = ticket.status == Ticket.Status.AWAITING_VALIDATION
        return format_html(
            PAUSED, texts["paused"], texts["resumes_on_answer" if waiting_answer else "resumes_on_reply"]
        )
    due_iso, due = _iso(ticket.sla_due_at), format_local(ticket.sla_due_at)
    if state == "breached":
        return format_html(
            FLAGGED_DUE, "sla-breached", "bi-exclamation-octagon", due_iso, due, texts["breached"]
        )
    if state == "risk":
        return format_html(FLAGGED_DUE, "sla-risk", "bi-hourglass-split", due_iso, due, texts["risk"])
    return format_html(DUE, due_iso, due)


def ticket_rows(tickets: Iterable[Ticket], *, now: datetime, show_company: bool) -> SafeString:
    """The table's body rows for `tickets` (each with `has_news`: the list's annotation)."""
    texts = _texts()
    url_prefix, _placeholder, url_suffix = reverse("ticket-detail", args=[PLACEHOLDER]).rpartition(
        PLACEHOLDER
    )
    statuses = {value: str(label) for value, label in Ticket.Status.choices}
    severities = {value: str(label) for value, label in Ticket._meta.get_field("severity").flatchoices}
    kinds = {value: str(label) for value, label in Ticket.Kind.choices}
    news_badge = format_html(NEWS, texts["news"])
    columns = {key: texts[key] for key in COLUMN_LABELS}
    rows = []
    for ticket in tickets:
        news = getattr(ticket, "has_news", False)
        rows.append(
            format_html(
                ROW,
                dot=NEWS_DOT if news else "",
                url=f"{url_prefix}{ticket.number}{url_suffix}",
                bold=" fw-bold" if news else "",
                number=ticket.number,
                news=news_badge if news else "",
                summary=ticket.summary,
                kind=format_html(KIND, kinds[ticket.kind]) if ticket.kind != Ticket.Kind.TECHNICAL else "",
                company=format_html(COMPANY, texts["l_company"], ticket.company.trade_name)
                if show_company
                else "",
                status_badge=STATUS_BADGES.get(ticket.status, "text-bg-light border"),
                status=statuses.get(ticket.status, ticket.status),
                severity_badge=SEVERITY_BADGES.get(ticket.severity, "text-bg-light border"),
                severity=severities.get(ticket.severity, ticket.severity),
                product=ticket.product.name if ticket.product_id else "",
                opened_iso=_iso(ticket.created_at),
                opened=format_local(ticket.created_at),
                forecast=_forecast(ticket, now, texts),
                **columns,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every row is format_html's, its values escaped
