"""The consultancy statement (CON-8, CON-4): a month of a company's or a partner unit's sessions, on
screen, as CSV, as a printable page and as a PDF of that same page. A contact reads their company's,
a partner consultant their unit's, staff choose either; one selector for every format."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.forms import form_errors_text

from ..selectors import Statement, consultancy_statement, statement_choices
from .exports import pdf_response, statement_csv, statement_filename
from .forms import ConsultancyStatementForm

SCREEN, CSV, PDF, PRINT = "", "csv", "pdf", "impressao"


def month_text(month: date, step: int) -> str:
    """The month `step` months from `month`, as the month field writes it (2026-11)."""
    index = month.year * 12 + month.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class ConsultancyStatementView(LoginRequiredMixin, View):
    template_name = "consultoria/statement.html"
    print_template_name = "consultoria/statement_print.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        choices = statement_choices(user)  # type: ignore[arg-type]
        if choices.is_empty:
            raise PermissionDenied(
                _("O extrato de consultoria é das empresas clientes e das unidades parceiras.")
            )
        form = ConsultancyStatementForm(
            request.GET, today=timezone.localdate(), companies=choices.companies, units=choices.units
        )
        staff = choices.companies is not None
        output = request.GET.get("formato", SCREEN)
        if output not in (SCREEN, CSV, PDF, PRINT):
            return HttpResponse(
                _("Formato desconhecido: use csv, pdf ou impressao."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        statement = None
        if form.is_valid():
            company, unit = form.chosen() if staff else (choices.company, choices.unit)
            if company is not None or unit is not None:
                statement = consultancy_statement(
                    user,  # type: ignore[arg-type]
                    month=form.cleaned_data["mes"],
                    company=company,
                    unit=unit,
                )
        if output != SCREEN:
            if not form.is_valid():
                return HttpResponse(
                    form_errors_text(form), status=400, content_type="text/plain; charset=utf-8"
                )
            if statement is None:
                return HttpResponse(
                    _("Escolha uma empresa ou uma unidade parceira."),
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            return self.export(request, statement, output, staff=staff)
        context = self.context(request, statement, staff=staff)
        context["form"] = form
        return render(request, self.template_name, context, status=200 if form.is_valid() else 400)

    def context(self, request: HttpRequest, statement: Statement | None, *, staff: bool) -> dict[str, Any]:
        month = statement.month if statement is not None else None
        return {
            "statement": statement,
            "previous_month": month_text(month, -1) if month else "",
            "next_month": month_text(month, +1) if month else "",
            "staff": staff,
            "link_tickets": not staff,  # staff work tickets in the back-office
            "show_company": staff or (statement is not None and statement.unit is not None),
            "generated_at": timezone.now(),
        }

    def export(self, request: HttpRequest, statement: Statement, output: str, *, staff: bool) -> HttpResponse:
        if output == CSV:
            return statement_csv(statement)
        context = {**self.context(request, statement, staff=staff), "printing": output == PRINT}
        if output == PRINT:
            return render(request, self.print_template_name, context)
        html = render_to_string(self.print_template_name, {**context, "pdf": True}, request=request)
        return pdf_response(html, statement_filename(statement, "pdf"))
