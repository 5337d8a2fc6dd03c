"""The consultancy statement's exports (CON-8): the CSV (core.csv: every cell guarded against
formulas) and the PDF, made by WeasyPrint from the printable page's own HTML. Nothing is fetched
while rendering: the page's CSS is inline and its fonts are the machine's (fonts-dejavu-core)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.csv import csv_response
from core.money import centavos_text
from core.periods import format_local

from ..presenters import percent_text
from ..selectors import Statement


def statement_filename(statement: Statement, extension: str) -> str:
    """extrato-consultoria-2026-11-metalurgica-horizonte.csv"""
    subject = (
        statement.company.trade_name if statement.company else statement.unit.name if statement.unit else ""
    )
    return f"extrato-consultoria-{statement.month:%Y-%m}-{slugify(subject)}.{extension}"


def statement_csv(statement: Statement) -> HttpResponse:
    header = [
        _("Data"),
        _("Chamado"),
        _("Resumo"),
        _("Empresa"),
        _("Modalidade"),
        _("Minutos apontados"),
        _("Minutos faturáveis"),
        _("Minutos abonados"),
        _("Preço por minuto (R$)"),
        _("Valor (R$)"),
        _("Impostos (%)"),
        _("Impostos (R$)"),
        _("Total (R$)"),
        _("Faturado à unidade"),
    ]
    rows: list[list[object]] = []
    for row in statement.lines:
        ticket = row.consultancy.ticket
        line = row.line
        rows.append(
            [
                format_local(row.session.scheduled_for),
                ticket.number,
                ticket.summary,
                ticket.company.trade_name,
                row.consultancy.modality.name,
                line.recorded_minutes,
                line.billable_minutes,
                line.waived_minutes,
                centavos_text(line.price_per_minute),
                centavos_text(row.amount),
                percent_text(line.tax_percentage).removesuffix(" %"),
                centavos_text(row.taxes),
                centavos_text(row.total),
                row.billed_to_unit.name if row.billed_to_unit is not None and not row.charged else "",
            ]
        )
    totals = statement.totals
    rows.append(
        [
            _("Total"),
            ngettext("%(n)d sessão", "%(n)d sessões", totals.sessions) % {"n": totals.sessions},
            "",
            "",
            "",
            totals.recorded_minutes,
            totals.billable_minutes,
            totals.waived_minutes,
            "",
            centavos_text(totals.amount),
            "",
            centavos_text(totals.taxes),
            centavos_text(totals.total),
            "",
        ]
    )
    return csv_response(statement_filename(statement, "csv"), header, rows)


def pdf_response(html: str, filename: str) -> HttpResponse:
    """The printable page's HTML as a PDF download, fetching nothing (no URL is allowed). Without
    WeasyPrint's system libraries (Pango) the server says so, instead of failing."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError:
        message = _(
            "O PDF não está disponível neste servidor (faltam as bibliotecas do WeasyPrint). "
            "Use a versão para impressão ou o CSV."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
