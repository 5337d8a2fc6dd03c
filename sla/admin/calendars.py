"""Back-office of service calendars (CAL-1, CAL-3): the weekly intervals and the exceptions edited
inline, checked the way the engine will read them, and the deadline simulation page (SLA-2..4).

Analysts look and simulate; leaders edit. Deadlines already promised never move when a calendar
changes here: tickets keep the frozen `CalendarSnapshot` they were computed with (CAL-2a).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, SettingsHistoryAdminMixin
from core.errors import DomainError
from core.forms import add_domain_error
from core.ids import as_id

from ..forms import DeadlineSimulationForm
from ..models import Calendar, CalendarException, CalendarInterval, Weekday
from ..presenters import schedule_summary
from ..simulation import simulate_deadline


def _seconds(value) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _live_rows(formset):
    """cleaned_data of the valid, non-deleted, non-empty forms of an inline formset."""
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if data and not form.errors and not formset._should_delete_form(form):
            yield data


def _overlaps(intervals: list[tuple[int, int]]) -> bool:
    ordered = sorted(intervals)
    return any(nxt[0] < cur[1] for cur, nxt in pairwise(ordered))


class CalendarIntervalFormSet(BaseInlineFormSet):
    """The engine refuses overlapping intervals on a weekday; say so here, not at the next ticket."""

    def clean(self):
        super().clean()
        by_day: dict[int, list[tuple[int, int]]] = {}
        for data in _live_rows(self):
            if data.get("weekday") is None or not data.get("start") or data.get("end") is None:
                continue
            by_day.setdefault(int(data["weekday"]), []).append(
                (_seconds(data["start"]), _seconds(data["end"]) or 86400)
            )
        for weekday, intervals in sorted(by_day.items()):
            if _overlaps(intervals):
                raise ValidationError(
                    _("Os intervalos de %(day)s se sobrepõem: junte-os ou ajuste os horários.")
                    % {"day": Weekday(weekday).label}
                )


class CalendarExceptionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        closed: set[date] = set()
        working: dict[date, list[tuple[int, int]]] = {}
        for data in _live_rows(self):
            day, kind = data.get("date"), data.get("kind")
            if day is None:
                continue
            if kind == CalendarException.Kind.CLOSED:
                closed.add(day)
            elif kind == CalendarException.Kind.WORKING and data.get("start") and data.get("end") is not None:
                working.setdefault(day, []).append((_seconds(data["start"]), _seconds(data["end"]) or 86400))
        both = sorted(closed & set(working))
        if both:
            raise ValidationError(
                _("%(day)s está ao mesmo tempo fechado e com expediente especial: escolha um dos dois.")
                % {"day": both[0].strftime("%d/%m/%Y")}
            )
        for day, intervals in sorted(working.items()):
            if _overlaps(intervals):
                raise ValidationError(
                    _("Os expedientes especiais de %(day)s se sobrepõem.") % {"day": day.strftime("%d/%m/%Y")}
                )


# Wall-clock times of the calendar's own zone: a plain HH:MM input, without the admin's "Agora"
# shortcut and its note about the browser's offset, which mean nothing for a weekly schedule.
WALL_CLOCK: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.TimeField: {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
}


class CalendarIntervalInline(admin.TabularInline):
    model = CalendarInterval
    formset = CalendarIntervalFormSet
    fields = ("weekday", "start", "end")
    extra = 0
    formfield_overrides = WALL_CLOCK


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    formset = CalendarExceptionFormSet
    fields = ("date", "kind", "start", "end", "description")
    extra = 0
    formfield_overrides = WALL_CLOCK
    ordering = ("-date", "start")
    verbose_name_plural = _(
        "exceções do calendário (datas fechadas, como o Carnaval, ou expedientes especiais)"
    )


class CalendarForm(forms.ModelForm):
    class Meta:
        model = Calendar
        fields = ("slug", "name", "description", "holiday_policy", "time_zone")

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValidationError(
                _("Fuso horário desconhecido: use um nome IANA, como America/Sao_Paulo.")
            ) from None
        return name


@admin.register(Calendar)
class CalendarAdmin(SettingsHistoryAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
    """Leaders edit a calendar with its intervals and exceptions; every row saved or removed is in
    the settings history (`core.history`), the intervals and exceptions with the calendar as scope."""

    class Media:
        css = {"all": ("css/admin-csp.css",)}  # classes for the HTML below (no inline styles: CSP)

    form = CalendarForm
    list_display = ("slug", "name", "holiday_policy", "weekly_schedule")
    list_display_links = ("slug", "name")
    list_filter = ("holiday_policy",)
    search_fields = ("slug", "name")
    inlines = [CalendarIntervalInline, CalendarExceptionInline]
    change_list_template = "admin/sla/calendar/change_list.html"
    change_form_template = "admin/sla/calendar/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("intervals")

    def get_fields(self, request, obj=None):
        return (
            "slug",
            "name",
            "description",
            "holiday_policy",
            "time_zone",
            *(("updated_at",) if obj else ()),
        )

    def get_readonly_fields(self, request, obj=None):
        # Code finds the technical-support and CST calendars by slug (sla.services.calendar_for).
        return ("slug", "updated_at") if obj else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("name",)}

    @admin.display(description=_("horário semanal"))
    def weekly_schedule(self, obj):
        parts = schedule_summary(obj.intervals.all()).split("; ")
        return format_html_join(
            mark_safe("<br>"), "<span class='admin-nowrap'>{}</span>", ((part,) for part in parts)
        )

    def get_urls(self):
        return [
            path(
                "simular/",
                self.admin_site.admin_view(self.simulate_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_simulate",
            ),
            *super().get_urls(),
        ]

    def simulate_view(self, request):
        """What-if deadline for any staff member (SLA-2..4); read-only, POST only for the CSRF token."""
        result = None
        if request.method == "POST":
            form = DeadlineSimulationForm(request.POST)
            if form.is_valid():
                try:
                    result = simulate_deadline(form.cleaned_data)
                except DomainError as error:
                    add_domain_error(form, error)
        else:
            initial = {}
            if (calendar_id := as_id(request.GET.get("calendar"))) is not None:
                initial["calendar"] = calendar_id
            form = DeadlineSimulationForm(initial=initial)
        fieldsets = [
            (
                _("Calendário e meta"),
                {"fields": ["calendar", "start", ("target_value", "target_unit")]},
            ),
            (
                _("Feriados locais (opcional)"),
                {
                    "fields": [("local_state", "local_municipality")],
                    "description": _(
                        "Para simular um cliente de um estado ou município: soma os feriados "
                        "estaduais e municipais, mesmo que o calendário só feche em feriados nacionais."
                    ),
                },
            ),
            (
                _("Pausas aguardando o cliente (opcional)"),
                {
                    "fields": [*DeadlineSimulationForm.pause_field_names(), "open_pause_start"],
                    "description": _(
                        "O tempo útil dentro das pausas não conta: o prazo anda para frente. "
                        "Com uma pausa em aberto antes do prazo, o relógio fica parado."
                    ),
                },
            ),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Simular prazo em tempo útil"),
            "subtitle": None,
            "form": form,
            "adminform": helpers.AdminForm(form, fieldsets, {}),
            "media": self.media + form.media,
            "result": result,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/sla/calendar/simulate.html", context)
