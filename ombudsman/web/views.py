"""The Ombudsman pages (OMB-1): the cases the client follows, a new case citing earlier tickets,
one case with its timeline and deadline, and a client's message (POST only). Pages of client
contacts and partner consultants; the ombudsman team works in the back-office. Another company's
case is 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError
from core.forms import add_domain_error
from tickets.web.mixins import ClientRequiredMixin

from .. import presenters, selectors, services
from ..models import Case
from .forms import CaseForm, MessageForm

PAGE_SIZE = 20


class CaseListView(ClientRequiredMixin, View):
    template_name = "ombudsman/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("situacao", "")
        page = Paginator(selectors.cases_list(request.user, status=status), PAGE_SIZE).get_page(  # type: ignore[arg-type]
            request.GET.get("page")
        )
        now = timezone.now()
        for case in page:
            presenters.decorate(case, now)
        return render(
            request,
            self.template_name,
            {
                "page": page,
                "status": status,
                "statuses": Case.Status.choices,
                "company_wide": access.is_company_admin(request.user),
            },
        )


class CaseNewView(ClientRequiredMixin, View):
    template_name = "ombudsman/new.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": CaseForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CaseForm(request.POST)
        if form.is_valid():
            try:
                case = services.case_open(
                    actor=request.user,  # type: ignore[arg-type]
                    kind=form.cleaned_data["kind"],
                    ticket_numbers=access.ticket_numbers(form.cleaned_data["tickets"]),
                    subject=form.cleaned_data["subject"],
                    description=form.cleaned_data["description"],
                )
            except DomainError as error:
                add_domain_error(form, error)
                form.mark_invalid()
            else:
                messages.success(
                    request,
                    _(
                        "Manifestação registrada com o protocolo %(protocol)s. "
                        "A Ouvidoria responde até o prazo indicado."
                    )
                    % {"protocol": case.protocol},
                )
                return redirect("ombudsman-detail", protocol=case.protocol)
        return render(request, self.template_name, {"form": form}, status=400)


def detail_context(request: HttpRequest, case: Case, form: MessageForm | None = None) -> dict[str, Any]:
    presenters.decorate(case)
    return {
        "case": case,
        "timeline": list(selectors.case_timeline(case)),
        "tickets": list(selectors.case_tickets(request.user, case)),  # type: ignore[arg-type]
        "form": form or MessageForm(),
        "status_badge": presenters.status_badge,
    }


class CaseDetailView(ClientRequiredMixin, View):
    template_name = "ombudsman/detail.html"

    def get(self, request: HttpRequest, protocol: str) -> HttpResponse:
        case = access.access_case(request.user, protocol)
        return render(request, self.template_name, detail_context(request, case))


class CaseMessageView(ClientRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, protocol: str) -> HttpResponse:
        case = access.access_case(request.user, protocol)
        form = MessageForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.case_message(actor=request.user, case=case, body=form.cleaned_data["body"])  # type: ignore[arg-type]
            except DomainError as error:
                add_domain_error(form, error)
                status = error.http_status
            else:
                messages.success(request, _("Mensagem enviada à Ouvidoria."))
                return redirect("ombudsman-detail", protocol=case.protocol)
        return render(
            request, CaseDetailView.template_name, detail_context(request, case, form), status=status
        )
