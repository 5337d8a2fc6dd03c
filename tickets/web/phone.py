"""The phone desk of the back-office (CHN-2, ACC-3, ACC-4, ACC-6, TKT-4): an analyst finds the
caller by CPF or e-mail, sees their company's financial status, their permissions and open
tickets, and opens a ticket in their name with the portal's own opening form.

These pages live beside the portal's opening page, not in tickets/admin/, because they share its
form (tickets/web/forms.py) and the admin may not import the web layer; they are drawn in the
back-office's look and linked from its menu (the `PhoneDesk` entry of tickets/admin/phone.py).
Staff only: everyone else is sent to the login page or refused (403).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from accounts.models import Company
from core.errors import DomainError
from core.forms import add_domain_error
from core.ids import as_id

from .. import selectors, services
from ..models import Ticket
from ..presenters.phone import Caller, callers_search, phone_caller
from .forms import TicketOpenForm
from .views.opening import KIND_HINTS


class StaffRequiredMixin(LoginRequiredMixin):
    """Pages of the support staff (analysts and leaders); a client is refused (403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_staff(request.user):
            raise PermissionDenied(_("Esta página é da equipe de atendimento."))
        return super().dispatch(request, *args, **kwargs)


def _back_office(request, title: str) -> dict:
    return {**admin.site.each_context(request), "title": title, "subtitle": None}


class PhoneDeskView(StaffRequiredMixin, View):
    """Find the caller by CPF or e-mail (read-only, constant queries)."""

    template_name = "admin/tickets/phonedesk/desk.html"

    def get(self, request):
        search = callers_search(request.user, request.GET.get("q", ""))
        context = {
            **_back_office(request, _("Atendimento por telefone")),
            "search": search,
            "ticket_search_url": reverse("admin:tickets_ticket_changelist"),
        }
        return TemplateResponse(request, self.template_name, context, status=400 if search.error else 200)


class ProductTaggedSelect(forms.Select):
    """A routine or version select whose options name their product, so the page's script can
    show only the chosen product's (the form itself works without it)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-product"] = str(instance.product_id)
        return option


class PhoneTicketOpenForm(TicketOpenForm):
    """The portal's opening form (same fields, same checks), with its selects tagged for the
    back-office page and no portal-only helpers."""

    asks_subject = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("subject")
        for name in ("routine", "version"):
            field = self.fields[name]
            field.widget = ProductTaggedSelect(attrs=field.widget.attrs)
            field.widget.choices = field.choices
        self.fields["attachments"].label = _("Arquivos enviados pelo cliente (opcional)")


def _offered_hints(form: TicketOpenForm | None) -> list:
    """The kinds' hints for the kinds the form offers (a company with a financial pendency is
    offered the CST's only)."""
    if form is None:
        return []
    offered = {value for value, _label in form.fields["kind"].widget.choices}
    return [(value, hint) for value, hint in KIND_HINTS if value in offered]


class PhoneOpenView(StaffRequiredMixin, View):
    """Open a ticket in the caller's name (ACC-4): `?pessoa=<user id>` and, for a partner
    consultant, `&empresa=<company id>` among the companies their unit serves."""

    template_name = "admin/tickets/phonedesk/open.html"

    def _caller(self, request, data) -> tuple[Caller | None, Company | None]:
        person_id = as_id(data.get("pessoa"))
        caller = phone_caller(request.user, person_id) if person_id is not None else None
        if caller is None:
            return None, None
        wanted = str(data.get("empresa", ""))
        companies = caller.companies
        if len(companies) == 1 and wanted in ("", str(companies[0].pk)):
            return caller, companies[0]
        company = next((company for company in companies if str(company.pk) == wanted), None)
        return caller, company

    def _missing(self, request):
        messages.error(request, _("Procure quem está ligando pelo CPF ou e-mail antes de abrir o chamado."))
        return HttpResponseRedirect(reverse("phone-desk"))

    def get(self, request):
        caller, company = self._caller(request, request.GET)
        if caller is None:
            return self._missing(request)
        form = PhoneTicketOpenForm(company=company) if company is not None else None
        return self._render(request, caller, company, form)

    def post(self, request):
        caller, company = self._caller(request, request.POST)
        if caller is None or company is None:
            return self._missing(request)
        form = PhoneTicketOpenForm(request.POST, request.FILES, company=company)
        if not form.is_valid():
            return self._render(request, caller, company, form, status=400)
        data = form.cleaned_data
        similar = selectors.tickets_similar_open(
            request.user, company_id=company.pk, summary=data["summary"], product_id=data["product"].pk
        )
        if similar and not data["not_duplicate"]:
            # TKT-1: nothing is created until the analyst says it is another occurrence.
            return self._render(request, caller, company, form, similar=similar)
        try:
            ticket = services.ticket_open(
                actor=request.user,
                on_behalf_of=caller.user,
                channel=Ticket.Channel.PHONE,
                company=company,
                product=data["product"],
                routine=data["routine"],
                version=data["version"],
                environment=data["environment"],
                summary=data["summary"],
                description=data["description"],
                answers=form.answers(),
                kind=data["kind"],
                modality=data["modality"],
                environment_details=data["environment_details"],
                error_message=data["error_message"],
                particularities=data["particularities"],
                files=data["attachments"],
            )
        except DomainError as error:
            if error.code == "financial_pendency":
                form.add_error("kind", error.message)
            else:
                add_domain_error(form, error)
            return self._render(request, caller, company, form, status=400)
        messages.success(
            request,
            _(
                "Chamado %(number)s aberto por telefone em nome de %(name)s, que recebe o e-mail de "
                "abertura com o número."
            )
            % {"number": ticket.number, "name": caller.user.full_name or caller.user.email},
        )
        return HttpResponseRedirect(reverse("admin:tickets_ticket_change", args=[ticket.pk]))

    def _render(self, request, caller, company, form, *, similar=(), status=200):
        name = caller.user.full_name or caller.user.email
        context = {
            **_back_office(request, _("Abrir chamado em nome de %(name)s") % {"name": name}),
            "caller": caller,
            "company": company,
            "form": form,
            "similar": similar,
            "kind_hints": _offered_hints(form),
            "desk_url": reverse("phone-desk"),
        }
        return TemplateResponse(request, self.template_name, context, status=status)
