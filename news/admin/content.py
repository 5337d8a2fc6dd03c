"""News, release news and policy/procedure pages in the back-office."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.periods import format_local
from tickets.models import ProductVersion

from .. import services
from ..models import NewsItem, Page
from .base import NewsModelAdmin


@admin.register(NewsItem)
class NewsItemAdmin(NewsModelAdmin):
    list_display = ["title", "kind", "product_version", "status", "published_on", "author"]
    list_filter = ["status", "kind", "product"]
    search_fields = ["title", "summary"]
    list_select_related = ["product", "version", "author"]
    readonly_fields = ["author", "created_at", "updated_at", "preview_link"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Tipo e produto"), {"fields": ["kind", "product", "version"]}),
        (
            _("Publicação"),
            {"fields": ["status", "published_at", "preview_link", "author", "created_at", "updated_at"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "version" and field is not None:
            field.queryset = ProductVersion.objects.select_related("product")
        return field

    @admin.display(description=_("produto/versão"), ordering="product__name")
    def product_version(self, obj: NewsItem) -> str:
        if obj.version is not None:
            return str(obj.version)
        return str(obj.product) if obj.product is not None else "—"

    @admin.display(description=_("publicada em"), ordering="published_at")
    def published_on(self, obj: NewsItem) -> str:
        return format_local(obj.published_at, "%d/%m/%Y %H:%M", empty="—")

    @admin.display(description=_("ver no portal"))
    def preview_link(self, obj: NewsItem) -> str:
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news-detail", args=[obj.slug]),
            _("Abrir a página (rascunhos só a equipe vê)"),
        )

    def service_save(self, request: HttpRequest, obj: NewsItem) -> None:
        services.news_save(actor=request.user, item=obj)  # type: ignore[arg-type]


@admin.register(Page)
class PageAdmin(NewsModelAdmin):
    list_display = ["title", "order", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary"]
    readonly_fields = ["author", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "order", "is_published", "author", "updated_at"]

    def service_save(self, request: HttpRequest, obj: Page) -> None:
        services.page_save(actor=request.user, page=obj)  # type: ignore[arg-type]
