"""What every page of the consultancy back-office shares: its stylesheets, no facet counts, a title
that says what the list is, and the whole width for the lists with many columns."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .display import STYLESHEETS


class ConsultoriaModelAdmin(admin.ModelAdmin):
    changelist_title: Any = ""
    wide_list = False  # many columns: the app menu stays one click away (breadcrumbs, "«")
    show_facets = admin.ShowFacets.NEVER

    class Media:
        css = {"all": STYLESHEETS}

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context: dict[str, Any] = {}
        if self.changelist_title:
            context["title"] = self.changelist_title
        if self.wide_list:
            context["is_nav_sidebar_enabled"] = False
        return super().changelist_view(request, {**context, **(extra_context or {})})
