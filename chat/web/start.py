"""The client's chat page (`/chat/`): start a conversation (product optional, first message) and
the list of their conversations. For client contacts who may open tickets and partner consultants."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError
from core.forms import add_domain_error
from tickets import selectors as ticket_selectors

from .. import selectors, services
from .forms import ConversationStartForm

PAGE_SIZE = 10


class ConversationStartView(LoginRequiredMixin, View):
    template_name = "chat/start.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_client(request.user):
            raise PermissionDenied(
                _("O chat é para contatos de empresas clientes. A equipe atende em “Chats em espera”.")
            )
        return super().dispatch(request, *args, **kwargs)

    def form(self, request: HttpRequest, data=None) -> ConversationStartForm:
        companies = list(access.companies_actable_by(request.user).order_by("trade_name"))
        if not companies:
            raise PermissionDenied(_("Nenhuma empresa ativa para conversar com o atendimento."))
        return ConversationStartForm(
            data,
            companies=companies,
            products=ticket_selectors.catalogue_products_for(request.user),  # type: ignore[arg-type]
        )

    def render_page(
        self, request: HttpRequest, form: ConversationStartForm, status: int = 200
    ) -> HttpResponse:
        page = Paginator(selectors.conversations_of_client(request.user), PAGE_SIZE).get_page(  # type: ignore[arg-type]
            request.GET.get("page")
        )
        refusal = ""
        contact = access.contact_of(request.user)
        if contact is not None:
            try:
                access.contact_assert_can_open_ticket(contact=contact)
            except DomainError as error:
                refusal = str(error.message)
        return render(
            request, self.template_name, {"form": form, "page": page, "refusal": refusal}, status=status
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, self.form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request, request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        try:
            conversation = services.conversation_start(
                actor=request.user,  # type: ignore[arg-type]
                company=form.chosen_company(),
                product=form.cleaned_data.get("product"),
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.render_page(request, form, status=error.http_status)
        return redirect("chat-room", pk=conversation.pk)
