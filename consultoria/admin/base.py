"""What every page of the consultancy back-office shares: its stylesheets, no facet counts, a title
that says what the list is, the whole width for the lists with many columns, and for settings the
link to their history (core.history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode

from .display import STYLESHEETS


class ConsultoriaModelAdmin(admin.ModelAdmin):
    changelist_title: Any = ""
    wide_list = False  # many columns: the app menu stays one click away (breadcrumbs, "«")
    show_facets = admin.ShowFacets.NEVER
    change_list_template = "admin/consultoria/change_list.html"
    settings_history = False  # a setting saved through core.history: link to its history (leaders)

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
        if self.settings_history and request.user.has_perm("core.view_changerecord"):
            content_type = ContentType.objects.get_for_model(self.model)
            query = urlencode({"content_type__id__exact": content_type.pk})
            context["settings_history_url"] = f"{reverse('admin:core_changerecord_changelist')}?{query}"
        return super().changelist_view(request, {**context, **(extra_context or {})})
