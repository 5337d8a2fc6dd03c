"""The ticket list (ACC-3, TEN-3) with filters, search and htmx refresh."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from accounts import access
from accounts.models import Company
from core.paging import PageAnnotatingPaginator

from ... import selectors
from ...models import Ticket
from ..forms import CLOSED, OPEN, TicketFilterForm
from ..mixins import ClientRequiredMixin

S = Ticket.Status
PAGE_SIZE = 25
SCOPE_MINE, SCOPE_COMPANY = "meus", "empresa"

# --- List ---------------------------------------------------------------------------------------------


class TicketListView(ClientRequiredMixin, View):
    """ "Meus chamados" / "Chamados da empresa" (ACC-3) with filters, search and pagination; htmx
    refreshes only the table. A page costs the same number of queries whatever its size."""

    template_name = "tickets/list.html"
    partial_template_name = "tickets/_ticket_table.html"

    def get(self, request):
        user = request.user
        can_see_company = self.is_partner or (
            self.contact.can_see_company_tickets or self.contact.is_company_admin
        )
        scope = request.GET.get("escopo", "")
        if not can_see_company:
            scope = SCOPE_MINE
        elif scope not in (SCOPE_MINE, SCOPE_COMPANY):
            scope = SCOPE_COMPANY if self.is_partner else SCOPE_MINE
        companies = self.served_companies_or_none()
        filters = TicketFilterForm(request.GET, companies=companies)
        filters.is_valid()
        state = filters.value("situacao")
        tickets = selectors.tickets_list(
            user,
            scope="mine" if scope == SCOPE_MINE else "",
            status=S.CLOSED if state == CLOSED else state,
            severity=filters.value("severidade"),
            kind=filters.value("tipo"),
            search=filters.value("q"),
            open_only=state == OPEN,
        )
        if companies is not None and filters.value("empresa"):
            tickets = tickets.filter(company_id=filters.value("empresa"))
        if not request.htmx and selectors.ticket_number_in(filters.value("q") or ""):
            # A whole ticket number typed in the search goes straight to that ticket (TKT-4).
            found = tickets.values_list("number", flat=True).first()
            if found is not None:
                return redirect("ticket-detail", number=found)
        paginator = PageAnnotatingPaginator(
            selectors.tickets_list_page(tickets),
            PAGE_SIZE,
            annotate=lambda rows: selectors.tickets_with_news(rows, user),
        )
        page = paginator.get_page(request.GET.get("page"))
        filtered = any(filters.value(name) for name in ("q", "situacao", "severidade", "tipo", "empresa"))
        context = {
            "page": page,
            "filters": filters,
            "filtered": filtered,
            "scope": scope,
            "can_see_company": can_see_company,
            "show_company": companies is not None,
            "can_open": self._can_open(),
            "now": timezone.now(),
        }
        template = self.partial_template_name if request.htmx else self.template_name
        return render(request, template, context)

    def served_companies_or_none(self) -> list[Company] | None:
        if not self.is_partner:
            return None
        return list(access.companies_actable_by(self.request.user).order_by("trade_name"))

    def _can_open(self) -> bool:
        return self.is_partner or self.contact.can_open_tickets
