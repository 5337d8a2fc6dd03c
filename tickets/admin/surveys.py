"""Survey results for leaders (SRV-3): per analyst, per team, per period.

The surveys themselves are read-only here: one answer per ticket, given by the client through the
signed link (SRV-2).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sla.services import SAO_PAULO

from ..models import Survey


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("De"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Até"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError(_("A data final deve ser igual ou posterior à inicial."))
        return cleaned


def survey_results(start: date, end: date, group_by: str) -> list[dict]:
    """Surveys sent in [start, end] (local dates) grouped by `analyst` or `team`: one query."""
    since = datetime.combine(start, time.min, tzinfo=SAO_PAULO)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=SAO_PAULO)
    name = {"analyst": "analyst__full_name", "team": "team__name"}[group_by]
    rows = (
        Survey.objects.filter(sent_at__gte=since, sent_at__lt=until)
        .values(name)
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            average=Avg("rating"),
            satisfied=Count("pk", filter=Q(rating__gte=4)),
            solved=Count("pk", filter=Q(solved=True)),
        )
        .order_by(name)
    )
    results = []
    for row in rows:
        answered = row["answered"]
        results.append(
            {
                "name": row[name] or _("(sem analista atribuído)"),
                "sent": row["sent"],
                "answered": answered,
                "response_rate": round(100 * answered / row["sent"]) if row["sent"] else 0,
                "average": round(row["average"], 2) if row["average"] is not None else None,
                "satisfied_rate": round(100 * row["satisfied"] / answered) if answered else None,
                "solved_rate": round(100 * row["solved"] / answered) if answered else None,
            }
        )
    return results


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("ticket", "analyst", "team", "sent_at", "answered_at", "rating", "solved")
    list_filter = ("team", "analyst", "rating", "solved", ("answered_at", admin.EmptyFieldListFilter))
    search_fields = ("ticket__number", "comment")
    list_select_related = ("ticket", "analyst", "team")
    date_hierarchy = "sent_at"
    readonly_fields = ("ticket", "analyst", "team", "sent_at", "answered_at", "rating", "solved", "comment")
    change_list_template = "admin/tickets/survey/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("resultados/", self.admin_site.admin_view(self.report_view), name="tickets_survey_report"),
            *super().get_urls(),
        ]

    def report_view(self, request):
        """SRV-3: leaders see the results per analyst and per team for a period."""
        if not request.user.is_leader:
            raise PermissionDenied
        today = timezone.localdate(timezone=SAO_PAULO)
        form = PeriodForm(request.GET or {"start": today - timedelta(days=30), "end": today})
        by_analyst = by_team = []
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            by_analyst = survey_results(start, end, "analyst")
            by_team = survey_results(start, end, "team")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Resultados da pesquisa de satisfação"),
            "opts": self.model._meta,
            "form": form,
            "by_analyst": by_analyst,
            "by_team": by_team,
        }
        return TemplateResponse(request, "admin/tickets/survey/report.html", context)
