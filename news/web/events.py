""" "Tira-dúvidas" events (SELF-7): the upcoming ones per product with the online link, and the
"Tenho interesse" / "Desistir" buttons (POST only); past events listed apart. Staff see how many
registered interest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError
from core.markdown import render_markdown

from .. import presenters, selectors, services
from ..models import Event
from .forms import ProductFilterForm

PAGE_SIZE = 20


class EventListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = ProductFilterForm(request.GET or None, products=selectors.event_products())
        now = timezone.now()
        user = request.user
        upcoming = Paginator(
            selectors.events_upcoming(user, now=now, product_id=filters.product_id()),  # type: ignore[arg-type]
            PAGE_SIZE,
        ).get_page(request.GET.get("page"))
        past = selectors.events_past(user, now=now) if upcoming.number == 1 else []  # type: ignore[arg-type]
        for event in (*upcoming, *past):
            event.when = presenters.event_when(event)  # type: ignore[attr-defined]
            event.description_html = render_markdown(event.description)  # type: ignore[attr-defined]
        return render(
            request,
            "news/events.html",
            {
                "upcoming": upcoming,
                "past": past,
                "filters": filters,
                "is_staff": access.is_staff(user),
                "may_register": access.may_register_interest(user),
            },
        )


class _InterestView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def act(self, request: HttpRequest, event: Event) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = selectors.event_by_id(request.user, pk)  # type: ignore[arg-type]
        try:
            messages.success(request, self.act(request, event))
        except DomainError as error:
            messages.error(request, str(error.message))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect("event-list")
        return redirect(next_url)


class EventInterestView(_InterestView):
    def act(self, request: HttpRequest, event: Event) -> str:
        services.event_interest_register(actor=request.user, event=event)  # type: ignore[arg-type]
        return _("Interesse registrado em “%(title)s”. O link da sala on-line fica nesta página.") % {
            "title": event.title
        }


class EventWithdrawView(_InterestView):
    def act(self, request: HttpRequest, event: Event) -> str:
        services.event_interest_withdraw(actor=request.user, event=event)  # type: ignore[arg-type]
        return _("Você desistiu de “%(title)s”.") % {"title": event.title}
