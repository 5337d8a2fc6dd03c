"""Survey results for leaders (SRV-3): per analyst, per team, per period.

The surveys themselves are read-only here: one answer per ticket, given by the client through the
signed link (SRV-2).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import ReadOnlyAdminMixin
from core.periods import local_today

from .forms import ResultsPeriodForm
from .models import Survey
from .selectors import survey_results


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("ticket", "analyst", "team", "sent_at", "answered_at", "rating", "solved")
    list_filter = ("team", "analyst", "rating", "solved", ("answered_at", admin.EmptyFieldListFilter))
    search_fields = ("ticket__number", "comment")
    list_select_related = ("ticket", "analyst", "team")
    date_hierarchy = "sent_at"
    readonly_fields = ("ticket", "analyst", "team", "sent_at", "answered_at", "rating", "solved", "comment")
    change_list_template = "admin/surveys/survey/change_list.html"

    def get_urls(self):
        return [
            path("resultados/", self.admin_site.admin_view(self.report_view), name="surveys_survey_report"),
            *super().get_urls(),
        ]

    def report_view(self, request):
        """SRV-3: leaders see the results per analyst and per team for a period."""
        access.require_leader(request.user)
        today = local_today()
        form = ResultsPeriodForm(request.GET or {"start": today - timedelta(days=30), "end": today})
        by_analyst = by_team = []
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            by_analyst = survey_results(request.user, start, end, "analyst")
            by_team = survey_results(request.user, start, end, "team")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Resultados da pesquisa de satisfação"),
            "opts": self.model._meta,
            "form": form,
            "by_analyst": by_analyst,
            "by_team": by_team,
        }
        return TemplateResponse(request, "admin/surveys/survey/report.html", context)
