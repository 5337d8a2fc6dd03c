"""/solucoes/: every signed-in person searches the anonymised solutions of all companies."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import DomainError

from .. import presenters, selectors
from .forms import SolutionSearchForm

PAGE_SIZE = 20


class SolutionSearchView(LoginRequiredMixin, View):
    template_name = "solutions/search.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.may_search_solutions(request.user):
            raise PermissionDenied(_("A consulta de soluções é para contatos, parceiros e a equipe."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = SolutionSearchForm(request.GET)
        context: dict[str, object] = {"form": form, "searched": False, "message": ""}
        if form.is_valid() and form.cleaned_data["q"].strip():
            query = form.cleaned_data["q"]
            product = form.cleaned_data["product"]
            try:
                found = selectors.solutions_search(query, product_id=product.pk if product else None)
            except DomainError as error:
                context["message"] = str(error.message)
            else:
                page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
                context.update(
                    searched=True,
                    page=page,
                    results=presenters.solution_results(page),
                    capped=page.paginator.count >= selectors.CANDIDATES,
                )
        return render(request, self.template_name, context)
