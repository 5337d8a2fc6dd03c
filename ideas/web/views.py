"""The suggestion pages (SELF-5): the list (filters, search, order, pages), a new suggestion, one
suggestion with its history, and supporting or withdrawing (POST only). Pages of client contacts
and partner consultants; analysts triage in the back-office. A suggestion of a product the user's
company does not use is 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.forms import add_domain_error
from tickets.web.mixins import ClientRequiredMixin

from .. import presenters, selectors, services
from ..models import Suggestion
from .forms import SuggestionFilterForm, SuggestionForm

PAGE_SIZE = 20


class SuggestionListView(ClientRequiredMixin, View):
    template_name = "ideas/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        filters = SuggestionFilterForm(request.GET or None, user=request.user)  # type: ignore[arg-type]
        chosen = filters.cleaned() if request.GET else {"order": "apoios"}
        queryset = selectors.suggestions_list(request.user, **chosen)  # type: ignore[arg-type]
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        for suggestion in page:
            suggestion.badge = presenters.status_badge(suggestion.status)  # type: ignore[attr-defined]
        return render(
            request, self.template_name, {"filters": filters, "page": page, "order": chosen["order"]}
        )


class SuggestionNewView(ClientRequiredMixin, View):
    template_name = "ideas/new.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": SuggestionForm(user=request.user)})  # type: ignore[arg-type]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SuggestionForm(request.POST, user=request.user)  # type: ignore[arg-type]
        if form.is_valid():
            try:
                suggestion = services.suggestion_propose(
                    actor=request.user,  # type: ignore[arg-type]
                    product=form.cleaned_data["product"],
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                )
            except DomainError as error:
                add_domain_error(form, error)
                form.mark_invalid()
            else:
                messages.success(
                    request, _("Sugestão enviada. Avisaremos você por e-mail a cada mudança de situação.")
                )
                return redirect("suggestion-detail", pk=suggestion.pk)
        return render(request, self.template_name, {"form": form}, status=400)


def detail_context(request: HttpRequest, suggestion: Suggestion, error: str = "") -> dict[str, Any]:
    return {
        "suggestion": suggestion,
        "badge": presenters.status_badge(suggestion.status),
        "history": [
            {"change": change, "badge": presenters.status_badge(change.to_status)}
            for change in selectors.suggestion_history(suggestion)
        ],
        "may_support": not suggestion.is_final and suggestion.proposer_id != request.user.pk,
        "error": error,
    }


class SuggestionDetailView(ClientRequiredMixin, View):
    template_name = "ideas/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
        return render(request, self.template_name, detail_context(request, suggestion))


class _SupportView(ClientRequiredMixin, View):
    http_method_names = ["post"]
    success = ""

    def act(self, request: HttpRequest, suggestion: Suggestion) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
        try:
            self.act(request, suggestion)
        except DomainError as error:
            suggestion = selectors.suggestion_detail(request.user, pk)  # type: ignore[arg-type]
            context = detail_context(request, suggestion, str(error.message))
            return render(request, SuggestionDetailView.template_name, context, status=error.http_status)
        messages.success(request, self.success_message())
        return redirect("suggestion-detail", pk=suggestion.pk)

    def success_message(self) -> str:
        raise NotImplementedError


class SuggestionSupportView(_SupportView):
    def act(self, request: HttpRequest, suggestion: Suggestion) -> None:
        services.suggestion_support(actor=request.user, suggestion=suggestion)  # type: ignore[arg-type]

    def success_message(self) -> str:
        return _("Obrigado! Seu apoio foi registrado.")


class SuggestionWithdrawView(_SupportView):
    def act(self, request: HttpRequest, suggestion: Suggestion) -> None:
        services.suggestion_withdraw(actor=request.user, suggestion=suggestion)  # type: ignore[arg-type]

    def success_message(self) -> str:
        return _("Seu apoio foi retirado.")
