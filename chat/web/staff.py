"""The support team's side: "Chats em espera" (every team's waiting conversations, or one team's),
"Atender" (first come, first served) and "Gerar chamado" with the catalogue fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import ConflictError, DomainError
from core.forms import add_domain_error

from .. import selectors, services
from ..models import Conversation
from .forms import ChatTicketForm

PAGE_SIZE = 25


class StaffRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_staff(request.user):
            raise PermissionDenied(_("Esta página é da equipe de atendimento."))
        return super().dispatch(request, *args, **kwargs)


class ChatQueueView(StaffRequiredMixin, View):
    template_name = "chat/queue.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        teams = list(selectors.chat_teams())
        team_id = next((t.pk for t in teams if str(t.pk) == request.GET.get("equipe", "")), None)
        waiting = Paginator(selectors.conversations_waiting(request.user, team_id), PAGE_SIZE).get_page(  # type: ignore[arg-type]
            request.GET.get("page")
        )
        mine = list(selectors.conversations_of_analyst(request.user)[:PAGE_SIZE])  # type: ignore[arg-type]
        return render(
            request,
            self.template_name,
            {"waiting": waiting, "mine": mine, "teams": teams, "team_id": team_id},
        )


class ConversationTakeView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = access.access_conversation(request.user, pk)
        try:
            services.conversation_take(actor=request.user, conversation=conversation)  # type: ignore[arg-type]
        except ConflictError as error:
            messages.warning(request, str(error.message))
            return redirect("chat-queue")
        return redirect("chat-room", pk=conversation.pk)


class ConversationTicketView(StaffRequiredMixin, View):
    """GET: the form (nothing changes); POST: open the ticket and tell both pages its number."""

    template_name = "chat/ticket.html"

    def form(self, conversation: Conversation, data=None) -> ChatTicketForm:
        initial = {"product": conversation.product_id, "summary": self.summary(conversation)}
        return ChatTicketForm(data, company=conversation.company, initial=initial)

    def summary(self, conversation: Conversation) -> str:
        first = selectors.conversation_messages(conversation)[:1]
        text = " ".join(first[0].text.split()) if first else ""
        return text[:120]

    def page(self, request: HttpRequest, conversation: Conversation, form: ChatTicketForm, status: int = 200):
        return render(
            request, self.template_name, {"conversation": conversation, "form": form}, status=status
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = access.access_conversation(request.user, pk)
        if conversation.ticket_id is not None:
            return redirect("chat-room", pk=conversation.pk)
        return self.page(request, conversation, self.form(conversation))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = access.access_conversation(request.user, pk)
        form = self.form(conversation, request.POST)
        if not form.is_valid():
            return self.page(request, conversation, form, status=400)
        try:
            ticket = services.conversation_ticket_generate(
                actor=request.user,  # type: ignore[arg-type]
                conversation=conversation,
                fields=form.ticket_fields(),
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.page(request, conversation, form, status=error.http_status)
        messages.success(
            request, _("Chamado %(number)s aberto em nome do cliente.") % {"number": ticket.number}
        )
        return redirect("chat-room", pk=conversation.pk)
