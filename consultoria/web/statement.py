"""The consultancy statement (CON-8, CON-4): a month of a company's or a partner unit's sessions, on
screen (a page of sessions at a time, the month's totals), as CSV, as a printable page and as a PDF
of that same page; a long month's PDF is prepared by the worker and downloaded from the page. A
contact reads their company's, a partner consultant their unit's, staff choose either; one
selector for every format."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from accounts.models import User
from core.errors import NotFoundError
from core.forms import form_errors_text
from core.http import private_file_response

from .. import services
from ..models import StatementPdf
from ..pdf import (
    INLINE_PDF_SESSIONS,
    PdfUnavailable,
    statement_filename,
    statement_pdf_bytes,
    statement_print_html,
)
from ..selectors import Statement, consultancy_statement, statement_choices
from .exports import statement_csv
from .forms import ConsultancyStatementForm

SCREEN, CSV, PDF, PRINT = "", "csv", "pdf", "impressao"
SCREEN_LINES = 100  # sessions a screen page shows (the totals are the month's)


def month_text(month: date, step: int) -> str:
    """The month `step` months from `month`, as the month field writes it (2026-11)."""
    index = month.year * 12 + month.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def text_response(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class StatementMixin(LoginRequiredMixin):
    """Whose statement of which month the user asks for, read through the one selector."""

    def read(
        self, request: HttpRequest, data: QueryDict
    ) -> tuple[ConsultancyStatementForm, Statement | None, bool]:
        user: User = request.user  # type: ignore[assignment]
        choices = statement_choices(user)
        if choices.is_empty:
            raise PermissionDenied(
                _("O extrato de consultoria é das empresas clientes e das unidades parceiras.")
            )
        form = ConsultancyStatementForm(
            data, today=timezone.localdate(), companies=choices.companies, units=choices.units
        )
        staff = choices.companies is not None
        statement = None
        if form.is_valid():
            company, unit = form.chosen() if staff else (choices.company, choices.unit)
            if company is not None or unit is not None:
                statement = consultancy_statement(
                    user, month=form.cleaned_data["mes"], company=company, unit=unit
                )
        return form, statement, staff


class ConsultancyStatementView(StatementMixin, View):
    template_name = "consultoria/statement.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form, statement, staff = self.read(request, request.GET)
        output = request.GET.get("formato", SCREEN)
        if output not in (SCREEN, CSV, PDF, PRINT):
            return text_response(_("Formato desconhecido: use csv, pdf ou impressao."), 400)
        if output != SCREEN:
            if not form.is_valid():
                return text_response(form_errors_text(form), 400)
            if statement is None:
                return text_response(_("Escolha uma empresa ou uma unidade parceira."), 400)
            return self.export(request, statement, output, staff=staff)
        context = self.context(request, statement, staff=staff)
        context["form"] = form
        return render(request, self.template_name, context, status=200 if form.is_valid() else 400)

    def context(self, request: HttpRequest, statement: Statement | None, *, staff: bool) -> dict[str, Any]:
        if statement is None:
            return {"statement": None, "staff": staff}
        user: User = request.user  # type: ignore[assignment]
        prepared = access.statement_pdfs_of(user).filter(
            month=statement.month, company=statement.company, unit=statement.unit
        )[:5]
        return {
            "statement": statement,
            "page": Paginator(statement.lines, SCREEN_LINES).get_page(request.GET.get("page")),
            "previous_month": month_text(statement.month, -1),
            "next_month": month_text(statement.month, +1),
            "staff": staff,
            "link_tickets": not staff,  # staff work tickets in the back-office
            "show_company": staff or statement.unit is not None,
            "inline_pdf": len(statement.lines) <= INLINE_PDF_SESSIONS,
            "prepared_pdfs": list(prepared),
        }

    def export(self, request: HttpRequest, statement: Statement, output: str, *, staff: bool) -> HttpResponse:
        if output == CSV:
            return statement_csv(statement)
        if output == PRINT:
            return HttpResponse(statement_print_html(statement, staff=staff, request=request))
        if len(statement.lines) > INLINE_PDF_SESSIONS:
            messages.info(request, long_pdf_message(len(statement.lines)))
            query = request.GET.copy()
            query.pop("formato", None)
            return HttpResponseRedirect(f"{reverse('consultancy-statement')}?{query.urlencode()}#pdf")
        try:
            pdf = statement_pdf_bytes(statement, staff=staff)
        except PdfUnavailable:
            return text_response(pdf_unavailable_message(), 503)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{statement_filename(statement, "pdf")}"'
        return response


def long_pdf_message(sessions: int) -> str:
    return _(
        "Este extrato tem %(n)d sessões: o PDF é preparado em segundo plano. Use “Preparar o PDF” e "
        "baixe-o aqui quando estiver pronto."
    ) % {"n": sessions}


def pdf_unavailable_message() -> str:
    return _(
        "O PDF não está disponível neste servidor (faltam as bibliotecas do WeasyPrint). "
        "Use a versão para impressão ou o CSV."
    )


class StatementPdfRequestView(StatementMixin, View):
    """POST: prepare the PDF of the statement chosen by the same fields as the page."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form, statement, _staff = self.read(request, request.POST)
        if not form.is_valid() or statement is None:
            return text_response(
                form_errors_text(form) or _("Escolha uma empresa ou uma unidade parceira."), 400
            )
        export = services.statement_pdf_request(
            actor=request.user,  # type: ignore[arg-type]
            month=statement.month,
            company=statement.company,
            unit=statement.unit,
            sessions=len(statement.lines),
        )
        messages.success(
            request,
            _(
                "Preparando o PDF de %(n)d sessões. Ele aparece na lista abaixo quando estiver pronto: "
                "recarregue a página."
            )
            % {"n": export.sessions},
        )
        query = {key: request.POST[key] for key in ("mes", "de") if request.POST.get(key)}
        return HttpResponseRedirect(f"{reverse('consultancy-statement')}?{urlencode(query)}#pdf")


class StatementPdfDownloadView(LoginRequiredMixin, View):
    """A prepared PDF, for who asked for it only (anyone else: 404)."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        export = (
            access.statement_pdfs_of(request.user).filter(pk=pk, status=StatementPdf.Status.READY).first()
        )
        if export is None:
            raise NotFoundError
        return private_file_response(
            export.file, filename=statement_filename(export, "pdf"), content_type="application/pdf"
        )
