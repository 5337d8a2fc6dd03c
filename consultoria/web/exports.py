"""The consultancy statement's CSV (CON-8): core.csv guards every cell against formulas. The
printable page and its PDF are consultoria/pdf.py."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.csv import csv_response
from core.money import centavos_text
from core.periods import format_local

from ..pdf import statement_filename
from ..presenters import percent_text
from ..selectors import Statement


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
