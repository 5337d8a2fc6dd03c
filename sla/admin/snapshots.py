"""Back-office of frozen calendars (CAL-2a): read-only, a snapshot is what deadlines were promised
with; nobody edits or deletes it."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin
from core.ids import as_id
from core.periods import format_local

from ..models import Calendar, CalendarSnapshot, Holiday
from ..presenters import schedule_summary


class SnapshotCalendarFilter(admin.SimpleListFilter):
    title = _("calendário")
    parameter_name = "calendario"

    def lookups(self, request, model_admin):
        return [(str(calendar.pk), calendar.name) for calendar in Calendar.objects.order_by("name")]

    def queryset(self, request, queryset):
        value = self.value()
        calendar_id = as_id(value)
        return queryset.filter(calendar_id=calendar_id) if calendar_id is not None else queryset


@admin.register(CalendarSnapshot)
class CalendarSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a snapshot is what deadlines were promised with; nobody edits or deletes it."""

    class Media:
        css = {"all": ("css/admin-csp.css",)}  # classes for the HTML below (no inline styles: CSP)

    list_display = ("calendar_name", "short_digest", "years", "closed_count", "created")
    list_display_links = ("calendar_name", "short_digest")
    list_filter = (SnapshotCalendarFilter,)
    search_fields = ("digest", "calendar__slug", "calendar__name")
    list_select_related = ("calendar",)
    ordering = ("-created_at",)
    fields = ("calendar_name", "full_digest", "created", "years", "schedule", "closed_dates", "pretty_data")
    readonly_fields = fields

    @admin.display(description=_("calendário"), ordering="calendar__name")
    def calendar_name(self, obj):
        return f"{obj.calendar.name} ({obj.calendar.slug})"

    @admin.display(description=_("versão"))
    def short_digest(self, obj):
        return obj.digest[:12]

    @admin.display(description=_("versão (SHA-256 dos dados)"))
    def full_digest(self, obj):
        return obj.digest

    @admin.display(description=_("criada em"), ordering="created_at")
    def created(self, obj):
        return format_local(obj.created_at)

    @admin.display(description=_("anos cobertos"))
    def years(self, obj):
        first, last = obj.data.get("years", ["?", "?"])
        return f"{first}–{last}"

    @admin.display(description=_("datas fechadas"))
    def closed_count(self, obj):
        return len(obj.data.get("closed", []))

    @admin.display(description=_("horário semanal"))
    def schedule(self, obj):
        intervals = [
            SimpleNamespace(weekday=weekday, seconds=tuple(pair))
            for weekday, day in enumerate(obj.data.get("weekly", []))
            for pair in day
        ]
        return schedule_summary(intervals)

    @admin.display(description=_("feriados e datas fechadas"))
    def closed_dates(self, obj):
        rows = obj.data.get("closed", [])
        if not rows:
            return "—"
        scopes = {**dict(Holiday.Scope.choices), "calendar": _("Do calendário")}
        items = format_html_join(
            "",
            "<li><time datetime='{}'>{}</time> {} <span class='quiet'>({})</span></li>",
            (
                (
                    day,
                    date.fromisoformat(day).strftime("%d/%m/%Y"),
                    name,
                    str(scopes.get(scope, scope)).lower(),
                )
                for day, name, scope in rows
            ),
        )
        return format_html("<ul class='admin-list-scroll'>{}</ul>", items)

    @admin.display(description=_("dados (JSON)"))
    def pretty_data(self, obj):
        # One key per line: readable, and still exactly what the engine loads.
        lines = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in obj.data.items()
        )
        text = "{\n" + lines + "\n}"
        return format_html(
            "<details><summary>{}</summary><pre class='admin-pre-frozen'>{}</pre></details>",
            _("Mostrar os dados congelados"),
            text,
        )
