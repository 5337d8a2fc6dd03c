"""The knowledge base's pages (SELF-1, SELF-7): home with search and filters, an article, the video
catalogue. Every signed-in user reads the published articles; drafts are the staff's (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.ids import as_id
from core.markdown import render_markdown
from tickets.models import Product, Routine

from .. import selectors, services
from ..forms import FeedbackForm, SearchForm
from ..models import Article

PAGE_SIZE = 20
VIDEOS_PAGE_SIZE = 24


def _choices(product_id: int | None) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    products = list(Product.objects.filter(is_active=True).order_by("name").values_list("pk", "name"))
    routines: list[tuple[int, str]] = []
    if product_id is not None:
        routines = list(
            Routine.objects.filter(product_id=product_id, is_active=True)
            .order_by("name")
            .values_list("pk", "name")
        )
    return products, routines


class HomeView(LoginRequiredMixin, View):
    """Search box, filters, results ranked with highlighted snippets (paginated); with nothing asked,
    the newest and the most read articles."""

    template_name = "knowledge/home.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        raw_product = request.GET.get("produto", "")
        product_id = as_id(raw_product)
        products, routines = _choices(product_id)
        form = SearchForm(request.GET or None, products=products, routines=routines)
        data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
        query = (data.get("q") or "").strip()
        filters = {
            "kind": data.get("tipo") or "",
            "product_id": data.get("produto"),
            "routine_id": data.get("rotina") if data.get("produto") else None,
        }
        asked = bool(query) or any(value for value in filters.values())
        context: dict[str, Any] = {"form": form, "query": query, "asked": asked}
        if query and not selectors.searchable(query):
            context["query_message"] = _(
                "Digite ao menos uma palavra com duas letras ou mais (palavras como “de”, “o” e “para” "
                "não contam na busca)."
            )
        elif asked:
            results = selectors.articles_search(request.user, query, **filters)  # type: ignore[arg-type]
            context["page"] = page = selectors.page_of(results, request.GET.get("page"), PAGE_SIZE)
            context["capped"] = bool(query) and page.paginator.count >= selectors.CANDIDATES
        else:
            context["newest"] = selectors.articles_newest(request.user)  # type: ignore[arg-type]
            context["most_viewed"] = selectors.articles_most_viewed(request.user)  # type: ignore[arg-type]
        return render(request, self.template_name, context)


class ArticleView(LoginRequiredMixin, View):
    template_name = "knowledge/article.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        article = access.access_article(request.user, slug)
        services.article_viewed(article=article, user=request.user)  # type: ignore[arg-type]
        return render(request, self.template_name, article_context(request, article))


def article_context(request: HttpRequest, article: Article, **extra: Any) -> dict[str, Any]:
    feedback = selectors.feedback_of(request.user, article)  # type: ignore[arg-type]
    return {
        "article": article,
        "body": render_markdown(article.body),
        "related": selectors.articles_related(request.user, article),  # type: ignore[arg-type]
        "feedback": feedback,
        "feedback_form": FeedbackForm(),
        **extra,
    }


class VideosView(LoginRequiredMixin, View):
    """The how-to video catalogue: the published video articles per product (SELF-7)."""

    template_name = "knowledge/videos.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(selectors.videos_catalogue(request.user), VIDEOS_PAGE_SIZE).get_page(  # type: ignore[arg-type]
            request.GET.get("page")
        )
        return render(request, self.template_name, {"page": page})
