"""The ticket page: SLA forecast in words, timeline, reply (TKT-6, TKT-7, SLA-1/5/7), its consultancy
(CON-3, CON-6); downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from accounts import access
from consultoria.web.cards import ticket_consultancy_cards
from core.errors import DomainError
from core.forms import add_domain_error

from ... import deadlines, selectors, services
from ...downloads import attachment_for_download, attachment_response
from ...models import Ticket, TicketEvent
from ...presenters.proposal import proposed_solution
from ...presenters.sla import sla_explanation
from ...presenters.timeline import ticket_timeline
from ..forms import FollowUpForm, RejectForm, TicketReplyForm
from ..mixins import ClientRequiredMixin

S = Ticket.Status


class TicketDetailView(ClientRequiredMixin, View):
    """The ticket with its forecast in words, the timeline and the reply form (constant queries)."""

    template_name = "tickets/detail.html"

    def get(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        response = render(request, self.template_name, detail_context(request, ticket, TicketReplyForm()))
        # The unread marker of the list and the home: a read receipt, after the page was built.
        services.ticket_mark_seen(user=request.user, ticket=ticket)
        return response


def detail_context(request, ticket: Ticket, reply_form: TicketReplyForm, **bound_forms) -> dict:
    """The page's context; `bound_forms` (`follow_up_form=`, `reject_form=`): a refused action's form
    shown again with what the client typed and why it was refused."""
    user = request.user
    events = selectors.ticket_events(user, ticket)
    # The history the SLA counts pauses from, taken from the events already loaded (SLA-4).
    history = [(ticket.created_at, S.NEW)] + [
        (event.created_at, event.to_value) for event in events if event.kind == TicketEvent.Kind.STATUS
    ]
    sla = deadlines.ticket_sla(ticket, history=history)
    calendar_name = ticket.sla_snapshot.calendar.name
    conversation = selectors.ticket_conversation(user, ticket)
    follow_ups = []
    if ticket.is_closed:
        follow_ups = list(
            access.tickets_visible_to(user).filter(follow_up_of=ticket).only("number", "summary", "status")
        )
    return {
        "original": ticket.follow_up_of if ticket.follow_up_of_id else None,
        "follow_ups": follow_ups,
        "reject_form": RejectForm(),
        "follow_up_form": FollowUpForm(),
        "ticket": ticket,
        "sla": sla_explanation(ticket, sla, calendar_name),
        "timeline": ticket_timeline(conversation.messages, events, conversation.files_by_message),
        "proposal": proposed_solution(ticket, conversation.messages, events),
        "opening_attachments": conversation.opening_files,
        "download_blocked": not access.is_staff(user) and ticket.company.has_financial_pendency,
        "reply_form": reply_form,
        "files_lost": reply_form.is_bound and bool(request.FILES),
        "show_company": not access.contact_of(user),
        "consultancy_cards": ticket_consultancy_cards(user, ticket),
        **bound_forms,
    }


def ticket_page_again(request, ticket: Ticket, reply_form: TicketReplyForm | None = None, **bound_forms):
    """The ticket page once more (400) after a refused form, holding what was typed and why."""
    context = detail_context(request, ticket, reply_form or TicketReplyForm(), **bound_forms)
    return render(request, TicketDetailView.template_name, context, status=400)


class TicketReplyView(ClientRequiredMixin, View):
    """POST a message (TKT-7); on "Pendência do cliente" the ticket goes back to analysis."""

    http_method_names = ["post"]

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        form = TicketReplyForm(request.POST, request.FILES)
        if form.is_valid():
            waiting = ticket.status in (S.PENDING_CLIENT, S.AWAITING_VALIDATION)
            try:
                message = services.ticket_reply(
                    actor=request.user,
                    ticket=ticket,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if message.ticket_id != ticket.pk:
                    # TKT-9: the ticket closed before the reply arrived; it never reopens, and the
                    # service turned the words into a follow-up with a new number.
                    follow_up = message.ticket
                    messages.info(
                        request,
                        _(
                            "O chamado %(original)s foi encerrado e não pode ser reaberto. Sua mensagem "
                            "abriu o acompanhamento %(number)s."
                        )
                        % {"original": ticket.number, "number": follow_up.number},
                    )
                    return HttpResponseRedirect(reverse("ticket-detail", kwargs={"number": follow_up.number}))
                if waiting:
                    messages.success(
                        request,
                        _(
                            "Resposta enviada. O chamado voltou para análise e o relógio do prazo "
                            "voltou a contar."
                        ),
                    )
                else:
                    messages.success(request, _("Mensagem enviada."))
                url = reverse("ticket-detail", kwargs={"number": ticket.number})
                return HttpResponseRedirect(f"{url}#mensagem-{message.pk}")
        return ticket_page_again(request, ticket, form)


# --- Attachments (TKT-10, ACC-6) -------------------------------------------------------------------------


@login_required
@require_GET
def attachment_download(request, pk: int):
    """Serve a file after the same check as its ticket (404 otherwise), never rendered inline."""
    return attachment_response(attachment_for_download(request.user, pk))
