"""The statement page and its CSV export (TKT-11): thin, through the statement selector."""

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.csv import csv_response
from core.errors import ForbiddenError
from core.periods import local_today

from .forms import StatementForm
from .presenters import statement_presets, this_month
from .selectors import tickets_statement

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from tickets.models import Ticket


class StatementView(LoginRequiredMixin, View):
    """TKT-11: a company's tickets of a period, on screen and as CSV."""

    template_name = "statements/statement.html"

    def _form(self, request):
        companies = access.companies_actable_by(request.user)
        if access.is_staff(request.user):
            raise ForbiddenError(_("O extrato é dos clientes; analistas usam o back-office."))
        start, end = this_month(local_today())
        return StatementForm(
            request.GET or {"start": start.isoformat(), "end": end.isoformat()}, companies=companies
        )

    def _presets(self, request, form: StatementForm) -> list[dict]:
        """The ready-made periods as links (keeping the chosen company), the one on screen marked."""
        chosen = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else None
        company = request.GET.get("company", "")
        presets = []
        for preset in statement_presets(local_today()):
            query = {"start": preset.start.isoformat(), "end": preset.end.isoformat()}
            if company:
                query["company"] = company
            presets.append(
                {
                    "label": preset.label,
                    "href": f"?{urlencode(query)}",
                    "active": chosen == (preset.start, preset.end),
                }
            )
        return presets

    def get(self, request, export: bool = False):
        form = self._form(request)
        tickets: QuerySet[Ticket] | list[Ticket] = []
        if form.is_valid():
            company = form.cleaned_data.get("company")
            tickets = tickets_statement(
                request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                company_id=company.pk if company else None,
            )
            if export:
                return self._csv(tickets, form.cleaned_data["start"], form.cleaned_data["end"])
        # A refused export shows the statement page: the period's fields with what is wrong.
        status = 400 if form.is_bound and not form.is_valid() else 200
        context = {"form": form, "tickets": tickets, "presets": self._presets(request, form)}
        return render(request, self.template_name, context, status=status)

    def _csv(self, tickets, start: date, end: date) -> HttpResponse:
        def when(value):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""

        header = [
            _("Número"),
            _("Aberto em"),
            _("Empresa"),
            _("Solicitante"),
            _("Tipo"),
            _("Produto"),
            _("Resumo"),
            _("Severidade"),
            _("Situação"),
            _("Prazo de atendimento"),
            _("Prazo de manutenção"),
            _("Encerrado em"),
            _("Minutos de consultoria"),
        ]
        rows = (
            [
                ticket.number,
                when(ticket.created_at),
                ticket.company.trade_name,
                ticket.requester.full_name,
                ticket.get_kind_display(),
                ticket.product.name,
                ticket.summary,
                ticket.get_severity_display(),
                ticket.get_status_display(),
                when(ticket.response_due_at),
                when(ticket.maintenance_due_at),
                when(ticket.closed_at),
                ticket.consultancy_minutes,
            ]
            for ticket in tickets
        )
        return csv_response(f"extrato-chamados-{start:%Y%m%d}-{end:%Y%m%d}.csv", header, rows)
