"""Tickets not opened (SELF-2): what clients said a suggestion solved, for leaders only (analysts
403): counts per product and per month over a period, and the articles that solved most."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import ReadOnlyAdminMixin
from core.forms import PeriodForm
from core.periods import local_today

from .. import selectors
from ..models import Deflection
from .base import StaffAdmin


class DeflectionPeriodForm(PeriodForm):
    max_days = 3 * 366


@admin.register(Deflection)
class DeflectionAdmin(ReadOnlyAdminMixin, StaffAdmin):
    leaders_only = True
    staff_writes = False
    list_display = ("created_at", "product", "company", "article", "query", "user")
    list_filter = ("product",)
    list_select_related = ("product", "company", "article", "user")
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = "created_at"
    fields = ("created_at", "user", "company", "product", "article", "solution_id", "query")
    readonly_fields = fields
    change_list_template = "admin/knowledge/deflection/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        report = self.admin_site.admin_view(self.report_view)
        return [path("resumo/", report, name="knowledge_deflection_report"), *super().get_urls()]

    def report_view(self, request: HttpRequest) -> HttpResponse:
        access.require_leader(request.user)
        today = local_today()
        form = DeflectionPeriodForm(
            request.GET or {"start": today.replace(day=1) - timedelta(days=150), "end": today}
        )
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Chamados evitados"),
            "form": form,
        }
        if form.is_valid():
            report = selectors.deflection_report(form.cleaned_data["start"], form.cleaned_data["end"])
            context["report"] = report
            context["month_max"] = max((row["count"] for row in report.by_month), default=0)
        return TemplateResponse(request, "admin/knowledge/deflection/report.html", context)
