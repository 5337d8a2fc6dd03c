"""Who may use the ticket pages: client contacts and partner consultants (TEN-2, TEN-3)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company
from core.errors import DomainError

# --- Who may use these pages -----------------------------------------------------------------------------


class ClientRequiredMixin(LoginRequiredMixin):
    """Pages of client contacts and partner consultants; staff are told where they work (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contact = access.contact_of(request.user)
        self.is_partner = self.contact is None and access.partner_unit_id(request.user) is not None
        if self.contact is None and not self.is_partner:
            raise PermissionDenied(
                _(
                    "Esta página é para contatos de empresas clientes e consultores de parceiros. "
                    "A equipe de atendimento trabalha os chamados no back-office."
                )
            )
        return super().dispatch(request, *args, **kwargs)


class OpeningMixin(ClientRequiredMixin):
    """Pages used to open a ticket: the company it is opened for, and the right to open it (ACC-4, TEN-3)."""

    request: HttpRequest  # the View's, which this is mixed into

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            contact = access.contact_of(request.user)
            if contact is not None:
                try:
                    access.contact_assert_can_open_ticket(contact=contact)
                except DomainError as error:
                    raise PermissionDenied(error.message) from error
        return super().dispatch(request, *args, **kwargs)

    def served_companies(self) -> list[Company]:
        return list(access.companies_actable_by(self.request.user).order_by("trade_name"))

    def opening_company(
        self, raw_id: str | None, *, companies: list[Company] | None = None
    ) -> Company | None:
        """A contact's own company; for a partner, the served company chosen (404 for any other one),
        the only one when the unit serves just one, or None while none is chosen."""
        if self.contact is not None:
            return self.contact.company
        companies = self.served_companies() if companies is None else companies
        if raw_id:
            for company in companies:
                if str(company.pk) == str(raw_id).strip():
                    return company
            raise Http404
        return companies[0] if len(companies) == 1 else None
