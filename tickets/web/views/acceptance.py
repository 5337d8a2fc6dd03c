"""The client's answer to a proposed solution (ACP-3) and follow-ups (TKT-9): POST only, thin."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError
from core.forms import add_domain_error, form_errors_text

from ... import services
from ...models import Ticket
from ..forms import FollowUpForm, RejectForm
from .detail import ticket_page_again

# --- Acceptance window (ACP-3) and follow-ups (TKT-9): POST only ----------------------------------


class _TicketActionView(LoginRequiredMixin, View):
    http_method_names = ["post"]
    success_message = ""
    # The ticket page's name of the action's form: a refusal shows the page again with the form as
    # the client filled it (nothing typed is lost), not a redirect and a banner.
    form_name = ""

    def act(self, request, ticket):
        raise NotImplementedError

    def form_shown(self, ticket) -> bool:
        """Whether the ticket page shows the action's form (a crafted POST may come from nowhere)."""
        return False

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        self.form = None
        try:
            result = self.act(request, ticket)
        except DomainError as error:
            if self.form is None or not self.form_shown(ticket):  # the page has no form to say it beside
                messages.error(request, error.message)
                return redirect("ticket-detail", number=ticket.number)
            if not self.form.errors:  # valid, refused by the service: say why, beside the field
                add_domain_error(self.form, error)
            return ticket_page_again(request, ticket, **{self.form_name: self.form})
        if self.success_message:
            messages.success(request, self.success_message)
        target = result if result is not None else ticket
        return redirect("ticket-detail", number=target.number)


class TicketAcceptView(_TicketActionView):
    def act(self, request, ticket):
        services.ticket_accept_solution(actor=request.user, ticket=ticket)
        messages.success(
            request,
            _("Solução aceita e chamado encerrado. Você receberá a pesquisa de satisfação por e-mail."),
        )


class TicketRejectView(_TicketActionView):
    form_name = "reject_form"

    def form_shown(self, ticket) -> bool:
        return ticket.status == Ticket.Status.AWAITING_VALIDATION

    def act(self, request, ticket):
        form = self.form = RejectForm(request.POST)
        if not form.is_valid():
            raise DomainError(form_errors_text(form))
        services.ticket_reject_solution(actor=request.user, ticket=ticket, reason=form.cleaned_data["reason"])
        messages.success(request, _("Solução recusada: o chamado voltou para análise."))


class TicketPostponeView(_TicketActionView):
    def act(self, request, ticket):
        ticket = services.ticket_postpone_acceptance(actor=request.user, ticket=ticket)
        deadline = timezone.localtime(ticket.acceptance_deadline).strftime("%d/%m/%Y %H:%M")
        messages.success(request, _("Validação adiada até %(deadline)s.") % {"deadline": deadline})


class TicketFollowUpView(_TicketActionView):
    form_name = "follow_up_form"

    def form_shown(self, ticket) -> bool:
        return ticket.is_closed

    def act(self, request, ticket):
        form = self.form = FollowUpForm(request.POST, request.FILES)
        if not form.is_valid():
            raise DomainError(form_errors_text(form))
        follow_up = services.ticket_follow_up(
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
