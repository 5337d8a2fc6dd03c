"""The consultancy statement as the printable page and its PDF (CON-8), for the portal's page and
for the worker that prepares a long month's PDF: the same template, context and WeasyPrint call.
Nothing is fetched while rendering: the CSS is inline and the fonts are the machine's."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from .models import StatementPdf
from .selectors import Statement

TEMPLATE = "consultoria/statement_print.html"
# Sessions of each table of the printable page, one A4 landscape page each (the first page also
# holds the heading): WeasyPrint lays a table split over pages in time that grows with its pages, so
# a long month is one short table per page.
FIRST_PAGE_LINES, PAGE_LINES = 8, 11  # rows of up to three lines (ticket and company, unit)
# Above this many sessions the PDF is prepared by the worker (about 20 s of WeasyPrint on one core
# at 1,000 sessions): a request must not hold a web worker that long.
INLINE_PDF_SESSIONS = 300


class PdfUnavailable(Exception):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


def statement_filename(statement: Statement | StatementPdf, extension: str) -> str:
    """extrato-consultoria-2026-11-metalurgica-horizonte.csv (a statement, or a prepared PDF's)."""
    subject = (
        statement.company.trade_name if statement.company else statement.unit.name if statement.unit else ""
    )
    return f"extrato-consultoria-{statement.month:%Y-%m}-{slugify(subject)}.{extension}"


def print_context(statement: Statement, *, staff: bool, pdf: bool) -> dict[str, Any]:
    lines = statement.lines
    return {
        "statement": statement,
        "staff": staff,
        "link_tickets": not staff and not pdf,  # staff work tickets in the back-office
        "show_company": staff or statement.unit is not None,
        "generated_at": timezone.now(),
        "chunks": [lines[:FIRST_PAGE_LINES]]
        + [lines[i : i + PAGE_LINES] for i in range(FIRST_PAGE_LINES, len(lines), PAGE_LINES)],
        "printing": not pdf,
        "pdf": pdf,
    }


def statement_print_html(statement: Statement, *, staff: bool, request: HttpRequest | None = None) -> str:
    """The printable page (with `request`: its bar of links) or, without one, the PDF's HTML."""
    return render_to_string(
        TEMPLATE, print_context(statement, staff=staff, pdf=request is None), request=request
    )


def statement_pdf_bytes(statement: Statement, *, staff: bool) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as error:
        raise PdfUnavailable from error
    html = statement_print_html(statement, staff=staff)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()
