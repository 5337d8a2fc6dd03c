"""News list and detail, the policy and procedure pages (SELF-4), and the lifecycle table: for
everyone signed in; drafts are the staff's preview (404 for anyone else)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from accounts import access
from core.markdown import render_markdown
from core.periods import local_today

from .. import presenters, selectors
from ..models import ENDING_SOON_MONTHS
from .forms import NewsFilterForm, ProductFilterForm

PAGE_SIZE = 10


class NewsListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = NewsFilterForm(request.GET or None, products=selectors.news_products())
        kind, product_id = filters.values()
        items = selectors.news_list(request.user, kind=kind, product_id=product_id)  # type: ignore[arg-type]
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "news/list.html",
            {
                "page": page,
                "filters": filters,
                "is_staff": access.is_staff(request.user),
                "now": timezone.now(),
            },
        )


class NewsDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        item = selectors.news_detail(request.user, slug)  # type: ignore[arg-type]
        return render(
            request,
            "news/detail.html",
            {
                "item": item,
                "body": render_markdown(item.body),
                "is_staff": access.is_staff(request.user),
                "now": timezone.now(),
            },
        )


class PageIndexView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "news/pages.html",
            {"pages": selectors.pages_index(request.user), "is_staff": access.is_staff(request.user)},  # type: ignore[arg-type]
        )


class PageDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = selectors.page_detail(request.user, slug)  # type: ignore[arg-type]
        return render(
            request,
            "news/page.html",
            {
                "page": page,
                "body": render_markdown(page.body),
                "pages": selectors.pages_index(request.user),  # type: ignore[arg-type]
            },
        )


class LifecycleView(LoginRequiredMixin, View):
    """Every product version's support dates; a client's own products come first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        filters = ProductFilterForm(request.GET or None, products=selectors.lifecycle_products())
        today = local_today()
        groups = presenters.lifecycle_groups(
            selectors.lifecycle_rows(filters.product_id()),
            mine=selectors.my_product_ids(request.user),  # type: ignore[arg-type]
            today=today,
        )
        return render(
            request,
            "news/lifecycle.html",
            {
                "groups": groups,
                "filters": filters,
                "today": today,
                "has_mine": any(group.mine for group in groups),
                "months": ENDING_SOON_MONTHS,
            },
        )
