"""The list of consultancies and the term page (CON-3, CON-4, ACC-5): the frozen text and figures,
and for who may answer, accept or decline (POST only, with a reason to decline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts import access
from core.errors import DomainError, ForbiddenError
from core.forms import add_domain_error
from core.http import client_address
from tickets.web.mixins import ClientRequiredMixin

from .. import presenters, selectors, services
from ..models import Consultancy, Term
from .cards import who_answers
from .forms import TermDeclineForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25


class _InvalidForm(Exception):
    """The decline form did not validate (its errors are on the form)."""


class ConsultancyListView(ClientRequiredMixin, View):
    """The consultancies the user may see, terms waiting for an answer first."""

    template_name = "consultoria/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(selectors.consultancies_list(request.user, waiting_first=True), PAGE_SIZE).get_page(  # type: ignore[arg-type]
            request.GET.get("page")
        )
        return render(request, self.template_name, {"page": page})


def term_of(consultancy: Consultancy) -> Term:
    term = getattr(consultancy, "term", None)
    if term is None:
        raise Http404
    return term


def term_context(
    request: HttpRequest,
    consultancy: Consultancy,
    *,
    decline_form: TermDeclineForm | None = None,
    error: str = "",
) -> dict[str, Any]:
    term = term_of(consultancy)
    return {
        "consultancy": consultancy,
        "term": term,
        "ticket": consultancy.ticket,
        "status": presenters.status_text(consultancy),
        "badge": presenters.status_badge(consultancy),
        "payer": presenters.payer_text(consultancy),
        "minimum": presenters.minimum_text(term.minimum_minutes),
        "who": who_answers(request.user, consultancy),  # type: ignore[arg-type]
        "decline_form": decline_form or TermDeclineForm(),
        "error": error,
    }


class TermView(ClientRequiredMixin, View):
    """The term as it was sent (its frozen text, version and figures) and its answer (404 for a
    consultancy the user may not see, TEN-2)."""

    template_name = "consultoria/term.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultancy = access.access_consultancy(request.user, pk)
        return render(request, self.template_name, term_context(request, consultancy))


class _TermAnswerView(ClientRequiredMixin, View):
    """POST only; a refusal of the service is a clear message on the term page, never a 500."""

    http_method_names = ["post"]
    success_message: StrOrPromise = ""

    def answer(self, request: HttpRequest, consultancy: Consultancy, form: TermDeclineForm) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultancy = access.access_consultancy(request.user, pk)
        term_of(consultancy)
        form = TermDeclineForm(request.POST)
        try:
            self.answer(request, consultancy, form)
        except ForbiddenError as error:
            return self.refused(request, consultancy, form, str(error.message), status=403)
        except DomainError as error:
            if error.field in form.fields:
                add_domain_error(form, error)
                return self.refused(request, consultancy, form, "", status=400)
            return self.refused(request, consultancy, form, str(error.message), status=error.http_status)
        except _InvalidForm:
            return self.refused(request, consultancy, form, "", status=400)
        messages.success(request, self.success_message)
        return redirect("consultancy-term", pk=consultancy.pk)

    def refused(
        self,
        request: HttpRequest,
        consultancy: Consultancy,
        form: TermDeclineForm,
        message: str,
        *,
        status: int,
    ) -> HttpResponse:
        consultancy.refresh_from_db()
        context = term_context(request, consultancy, decline_form=form, error=message)
        return render(request, TermView.template_name, context, status=status)


class TermAcceptView(_TermAnswerView):
    success_message = _(
        "Termo aceito. A consultoria foi liberada: as sessões e os apontamentos aparecem no chamado."
    )

    def answer(self, request: HttpRequest, consultancy: Consultancy, form: TermDeclineForm) -> None:
        services.term_accept(
            actor=request.user,  # type: ignore[arg-type]
            consultancy=consultancy,
            address=client_address(request),
        )


class TermDeclineView(_TermAnswerView):
    success_message = _("Termo recusado. O chamado voltou ao suporte padrão, com o seu motivo.")

    def answer(self, request: HttpRequest, consultancy: Consultancy, form: TermDeclineForm) -> None:
        if not form.is_valid():
            # Who may not answer is told so before being asked for a reason.
            access.require_term_acceptor(request.user, consultancy)
            raise _InvalidForm
        services.term_decline(
            actor=request.user,  # type: ignore[arg-type]
            consultancy=consultancy,
            reason=form.cleaned_data["reason"],
        )
