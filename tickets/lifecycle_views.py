"""Views of the acceptance window, follow-ups, surveys and the statement: thin, through services."""

import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError

from . import lifecycle, selectors
from .forms_lifecycle import FollowUpForm, RejectForm, StatementForm, SurveyForm


class SurveyAnswerView(View):
    """SRV-2: the survey link works without logging in or searching the portal; one answer."""

    template_name = "tickets/survey.html"

    def get(self, request, token: str):
        survey = lifecycle.survey_from_token(token)
        if survey is None:
            return render(request, "tickets/survey_invalid.html", status=404)
        return render(request, self.template_name, {"survey": survey, "form": SurveyForm()})

    def post(self, request, token: str):
        survey = lifecycle.survey_from_token(token)
        if survey is None:
            return render(request, "tickets/survey_invalid.html", status=404)
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey = lifecycle.survey_answer(
                    token=token,
                    rating=int(form.cleaned_data["rating"]),
                    solved={"yes": True, "no": False}.get(form.cleaned_data["solved"]),
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return render(request, "tickets/survey_thanks.html", {"survey": survey})
        return render(
            request,
            self.template_name,
            {"survey": survey, "form": form, "error": _("Confira a resposta.")},
            status=400,
        )


# --- Acceptance window (ACP-3) and follow-ups (TKT-9): POST only ----------------------------------


class _TicketActionView(LoginRequiredMixin, View):
    http_method_names = ["post"]
    success_message = ""

    def act(self, request, ticket):
        raise NotImplementedError

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        try:
            result = self.act(request, ticket)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("ticket-detail", number=ticket.number)
        if self.success_message:
            messages.success(request, self.success_message)
        target = result if result is not None else ticket
        return redirect("ticket-detail", number=target.number)


class TicketAcceptView(_TicketActionView):
    def act(self, request, ticket):
        lifecycle.ticket_accept_solution(actor=request.user, ticket=ticket)
        messages.success(
            request,
            _("Solução aceita e chamado encerrado. Você receberá a pesquisa de satisfação por e-mail."),
        )


class TicketRejectView(_TicketActionView):
    def act(self, request, ticket):
        form = RejectForm(request.POST)
        reason = form.data.get("reason", "")
        lifecycle.ticket_reject_solution(actor=request.user, ticket=ticket, reason=reason)
        messages.success(request, _("Solução recusada: o chamado voltou para análise."))


class TicketPostponeView(_TicketActionView):
    def act(self, request, ticket):
        ticket = lifecycle.ticket_postpone_acceptance(actor=request.user, ticket=ticket)
        deadline = timezone.localtime(ticket.acceptance_deadline).strftime("%d/%m/%Y %H:%M")
        messages.success(request, _("Validação adiada até %(deadline)s.") % {"deadline": deadline})


class TicketFollowUpView(_TicketActionView):
    def act(self, request, ticket):
        form = FollowUpForm(request.POST, request.FILES)
        if not form.is_valid():
            raise DomainError(" ".join(error for errors in form.errors.values() for error in errors))
        follow_up = lifecycle.ticket_follow_up(
            actor=request.user,
            original=ticket,
            summary=form.cleaned_data["summary"],
            body=form.cleaned_data["body"],
            files=request.FILES.getlist("attachments"),
        )
        messages.success(
            request,
            _("Acompanhamento %(number)s aberto a partir do chamado %(original)s.")
            % {"number": follow_up.number, "original": ticket.number},
        )
        return follow_up


# --- Statement (TKT-11) --------------------------------------------------------------------------


class StatementView(LoginRequiredMixin, View):
    """TKT-11: a company's tickets of a period, on screen and as CSV."""

    template_name = "tickets/statement.html"

    def _form(self, request):
        companies = access.companies_actable_by(request.user)
        if access.is_staff(request.user):
            raise PermissionDenied(_("O extrato é dos clientes; analistas usam o back-office."))
        today = timezone.localdate()
        form = StatementForm(
            request.GET or {"start": today.replace(day=1).isoformat(), "end": today.isoformat()},
            companies=companies,
        )
        return form

    def get(self, request, export: bool = False):
        form = self._form(request)
        tickets = []
        if form.is_valid():
            company = form.cleaned_data.get("company")
            tickets = selectors.tickets_statement(
                request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                company_id=company.pk if company else None,
            )
            if export:
                return self._csv(tickets, form.cleaned_data["start"], form.cleaned_data["end"])
        elif export:
            return HttpResponse(" ".join(e for errors in form.errors.values() for e in errors), status=400)
        return render(request, self.template_name, {"form": form, "tickets": tickets})

    def _csv(self, tickets, start: date, end: date) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"extrato-chamados-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # BOM: spreadsheets open the accents right
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
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
        )

        def when(value):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""

        for ticket in tickets:
            writer.writerow(
                [
                    ticket.number,
                    when(ticket.created_at),
                    ticket.company.trade_name,
                    ticket.requester.full_name,
                    ticket.get_kind_display(),
                    ticket.product.name,
                    _csv_safe(ticket.summary),
                    ticket.get_severity_display(),
                    ticket.get_status_display(),
                    when(ticket.response_due_at),
                    when(ticket.maintenance_due_at),
                    when(ticket.closed_at),
                    0,
                ]
            )
        return response


def _csv_safe(text: str) -> str:
    # A cell starting with =, +, - or @ would be a formula in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
