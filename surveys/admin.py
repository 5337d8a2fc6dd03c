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
from core.periods import format_local, local_today

from .forms import ResultsPeriodForm
from .models import Survey
from .selectors import survey_analysts, survey_results


class AnalystListFilter(admin.RelatedFieldListFilter):
    """The rated analyst, chosen among the vendor's analysts and leaders by name (no client)."""

    def field_choices(self, field, request, model_admin):
        return [
            (user.pk, user.full_name or user.email) for user in survey_analysts().only("full_name", "email")
        ]


class SolvedListFilter(admin.SimpleListFilter):
    """ "Por resolução do problema": what the client said, or that they did not say."""

    title = _("resolução do problema")
    parameter_name = "resolvido"

    def lookups(self, request, model_admin):
        return [("sim", _("Resolvido")), ("nao", _("Não resolvido")), ("sem", _("Não informado"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "sim":
            return queryset.filter(solved=True)
        if value == "nao":
            return queryset.filter(solved=False)
        if value == "sem":
            return queryset.filter(solved__isnull=True)
        return queryset


class AnsweredListFilter(admin.SimpleListFilter):
    """ "Por resposta": answered or still waiting for the client."""

    title = _("resposta")
    parameter_name = "respondida"

    def lookups(self, request, model_admin):
        return [("sim", _("Respondidas")), ("nao", _("Sem resposta"))]

    def queryset(self, request, queryset):
        if self.value() in ("sim", "nao"):
            return queryset.filter(answered_at__isnull=self.value() == "nao")
        return queryset


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("ticket_number", "analyst", "team", "sent", "answered", "rating", "solved_answer")
    list_filter = ("team", ("analyst", AnalystListFilter), "rating", SolvedListFilter, AnsweredListFilter)
    search_fields = ("ticket__number", "comment")
    list_select_related = ("ticket", "analyst", "team")
    date_hierarchy = "sent_at"
    readonly_fields = ("ticket", "analyst", "team", "sent_at", "answered_at", "rating", "solved", "comment")
    change_list_template = "admin/surveys/survey/change_list.html"

    @admin.display(description=_("chamado"), ordering="ticket__number")
    def ticket_number(self, survey: Survey) -> str:
        return survey.ticket.number

    @admin.display(description=_("enviada em"), ordering="sent_at")
    def sent(self, survey: Survey) -> str:
        return format_local(survey.sent_at)

    @admin.display(description=_("respondida em"), ordering="answered_at")
    def answered(self, survey: Survey) -> str:
        return format_local(survey.answered_at, empty="—")

    @admin.display(description=_("resolvido"), ordering="solved")
    def solved_answer(self, survey: Survey) -> str:
        if survey.solved is None:
            return "—"
        return str(_("Sim") if survey.solved else _("Não"))

    def changelist_view(self, request, extra_context=None):
        # Django's own title would read "Selecione pesquisa de satisfação para visualizar".
        return super().changelist_view(
            request, {"title": _("Pesquisas de satisfação"), **(extra_context or {})}
        )

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
