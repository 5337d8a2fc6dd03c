"""What readers do: answer "Esta resposta ajudou?" on an article (POST, htmx), get suggestions while
typing a new ticket's summary (GET, htmx partial), and say a suggestion solved it (POST: a
deflection, SELF-2)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from accounts import access
from core.ids import as_id
from tickets.models import Product

from .. import selectors, services
from ..forms import DeflectionForm, FeedbackForm
from .pages import article_context

QUERY_MAX = 200


class FeedbackView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        article = access.access_article(request.user, slug)
        form = FeedbackForm(request.POST)
        saved = False
        if form.is_valid():
            services.feedback_record(
                actor=request.user,  # type: ignore[arg-type]
                article=article,
                helpful=form.cleaned_data["resposta"] == "sim",
                comment=form.cleaned_data["comentario"],
            )
            article.refresh_from_db(fields=["helpful_yes", "helpful_no"])
            saved = True
        if not request.htmx:  # type: ignore[attr-defined]
            return HttpResponseRedirect(reverse("kb-article", kwargs={"slug": slug}) + "#ajudou")
        context = article_context(request, article, feedback_saved=saved)
        if not saved:
            context["feedback_form"] = form
        return render(request, "knowledge/_feedback.html", context, status=200 if saved else 400)


def _product_id(raw: str | None) -> int | None:
    return as_id(raw)


class SuggestionsView(LoginRequiredMixin, View):
    """Up to five published articles (and, from the solutions search, solved tickets) for what is
    being typed; nothing under three letters."""

    def get(self, request: HttpRequest) -> HttpResponse:
        query = (request.GET.get("q") or request.GET.get("summary") or "")[:QUERY_MAX]
        product_id = _product_id(request.GET.get("produto") or request.GET.get("product"))
        articles = selectors.article_suggestions(request.user, query, product_id=product_id)  # type: ignore[arg-type]
        solutions = selectors.solution_suggestions(query, product_id=product_id, limit=3)
        return render(
            request,
            "knowledge/_suggestions.html",
            {
                "articles": articles,
                "solutions": solutions,
                "query": query,
                "product_id": product_id,
                "company_id": request.GET.get("empresa", ""),
                "may_deflect": access.is_client(request.user),
            },
        )


class DeflectView(LoginRequiredMixin, View):
    """ "Resolveu, não preciso abrir chamado": the ticket not opened is counted."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DeflectionForm(request.POST)
        if not form.is_valid():
            return render(request, "knowledge/_deflected.html", {"invalid": True}, status=400)
        data = form.cleaned_data
        company = access.deflection_company(request.user, data["empresa"] or None)
        article = None
        if data["artigo"]:
            article = access.articles_visible_to(request.user).filter(pk=data["artigo"]).first()
            if article is None:
                return render(request, "knowledge/_deflected.html", {"invalid": True}, status=404)
        product_id = _product_id(data["produto"])
        product = Product.objects.filter(pk=product_id).first() if product_id else None
        services.deflection_record(
            actor=request.user,  # type: ignore[arg-type]
            query=data["q"],
            company=company,
            product=product,
            article=article,
            solution_id=data["solucao"],
        )
        template = "knowledge/_deflected.html" if request.htmx else "knowledge/deflected.html"  # type: ignore[attr-defined]
        return render(request, template, {"article": article})
