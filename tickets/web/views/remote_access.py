"""Remote-access credentials (CHN-4): the client gives them on the ticket page (POST only), the
analysts of the ticket's team reveal them on a back-office page (a POST, audited). The
credentials never go to a URL, a log line or an e-mail; the reveal's page is not cached."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import access
from core.errors import DomainError

from ...models import Credentials, RemoteAccess
from ...services.remote_access import remote_access_reveal, remote_access_save
from .detail import ticket_page_again


class RemoteAccessForm(forms.Form):
    user = forms.CharField(label=gettext_lazy("Usuário"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Senha"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    notes = forms.CharField(
        label=gettext_lazy("Como conectar (opcional)"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Ferramenta e identificação: AnyDesk, TeamViewer, VPN, endereço do servidor…"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "remote")
        super().__init__(*args, **kwargs)
        self.fields["user"].widget.attrs["autocomplete"] = "off"


@method_decorator(
    sensitive_post_parameters("remote-password", "remote-user", "remote-notes"), name="dispatch"
)
class TicketRemoteAccessView(LoginRequiredMixin, View):
    """The client gives (or replaces) the credentials of their open ticket."""

    http_method_names = ["post"]

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        form = RemoteAccessForm(request.POST)
        if not form.is_valid():  # the page again, the card open with what was typed (not the password)
            return ticket_page_again(request, ticket, remote_access_form=form)
        try:
            credentials = Credentials(**form.cleaned_data)
            remote_access_save(actor=request.user, ticket=ticket, credentials=credentials, request=request)
        except DomainError as error:  # the ticket's state (closed): not about what was typed
            messages.error(request, error.message)
            return redirect("ticket-detail", number=ticket.number)
        messages.success(request, _("Acesso remoto guardado. Só a equipe do chamado pode vê-lo."))
        return redirect("ticket-detail", number=ticket.number)


@method_decorator(never_cache, name="dispatch")
class RemoteAccessRevealView(LoginRequiredMixin, View):
    """Back-office: an analyst of the ticket's team reveals the credentials with a POST."""

    template_name = "admin/tickets/remote_access.html"

    def _page(self, request, ticket, credentials=None, status=200):
        context = {
            **admin.site.each_context(request),
            "title": _("Acesso remoto do chamado %(number)s") % {"number": ticket.number},
            "subtitle": None,
            "ticket": ticket,
            "provided": RemoteAccess.objects.filter(ticket=ticket).select_related("provided_by").first(),
            "credentials": credentials,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def _ticket(self, request, number):
        if not access.is_staff(request.user):
            raise PermissionDenied(_("Esta página é da equipe de atendimento."))
        ticket = access.access_ticket(request.user, number)
        access.require_remote_access_reveal(request.user, ticket)
        return ticket

    def get(self, request, number: str):
        return self._page(request, self._ticket(request, number))

    def post(self, request, number: str):
        ticket = self._ticket(request, number)
        credentials = remote_access_reveal(actor=request.user, ticket=ticket, request=request)
        return self._page(request, ticket, credentials)
