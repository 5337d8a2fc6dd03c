"""Back-office for service calendars, holidays, severity targets and Prime contracts (CAL, SEV, SLA-8).

Analysts look (and simulate deadlines); leaders edit. Importing holidays calls
`services.holidays_import_year`; the simulation reads through `services` and stores nothing.
Deadlines already promised never move when a calendar changes here: tickets keep the frozen
`CalendarSnapshot` they were computed with (CAL-2a).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from types import SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import DomainError
from core.forms import add_domain_error

from . import services
from .forms import DeadlineSimulationForm, HolidayImportForm
from .models import (
    SEVERITY_ORDER,
    Calendar,
    CalendarException,
    CalendarInterval,
    CalendarSnapshot,
    Holiday,
    PrimeContract,
    PrimeTarget,
    SeverityTarget,
    Weekday,
)
from .views import schedule_summary

SAO_PAULO = services.SAO_PAULO


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


# --- Calendars (CAL-1, CAL-3) ------------------------------------------------------------------------


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
WALL_CLOCK = {models.TimeField: {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}}


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


@dataclass(frozen=True)
class SimulationResult:
    """A what-if deadline (SLA-2..4) on a calendar built now; nothing is stored."""

    calendar: Calendar
    place: services.Place | None
    start: datetime
    counting_from: datetime
    target_text: str
    target_seconds: int
    due_at: datetime | None
    pauses: list[tuple[datetime, datetime | None]]
    skipped: list[tuple[date, str, str]]  # (date, name, scope) of the holidays on the way

    @property
    def place_text(self) -> str:
        if self.place is None:
            return ""
        return (
            f"{self.place.municipality}/{self.place.state}" if self.place.municipality else self.place.state
        )

    @property
    def target_duration(self) -> str:
        hours, rest = divmod(self.target_seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"{hours} h {minutes:02d} min"
        return f"{text} {seconds:02d} s" if seconds else text


def _number_text(value: Decimal) -> str:
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value)


def simulate_deadline(data: dict) -> SimulationResult:
    """Deadline of a target on a calendar, from validated `DeadlineSimulationForm` data."""
    calendar, start, place = data["calendar"], data["start"], data["place"]
    snapshot_data = services.calendar_snapshot_data(
        calendar=calendar, around=start, place=place, add_local=place is not None
    )
    clock = services.data_clock(snapshot_data)
    value: Decimal = data["target_value"]
    try:
        if data["target_unit"] == DeadlineSimulationForm.DAYS:
            days = int(value)
            result = clock.deadline(start, days=days, pauses=data["pauses"])
            target_text = ngettext("%(n)s dia útil", "%(n)s dias úteis", days) % {"n": days}
        else:
            result = clock.deadline(start, hours=value, pauses=data["pauses"])
            target_text = ngettext("%(n)s hora útil", "%(n)s horas úteis", 1 if value == 1 else 2) % {
                "n": _number_text(value)
            }
    except ValueError as error:
        raise DomainError(_("Não foi possível calcular o prazo: %(error)s") % {"error": error}) from error
    skipped = []
    if result.due_at is not None:
        names = services.holiday_names(snapshot_data)
        scopes = {date.fromisoformat(row[0]): row[2] for row in snapshot_data["closed"]}
        skipped = [
            (day, names.get(day, ""), scopes.get(day, ""))
            for day in clock.closed_dates_between(start, result.due_at)
        ]
    return SimulationResult(
        calendar=calendar,
        place=place,
        start=start,
        counting_from=clock.next_working_instant(start).astimezone(SAO_PAULO),
        target_text=target_text,
        target_seconds=result.target_seconds,
        due_at=result.due_at.astimezone(SAO_PAULO) if result.due_at else None,
        pauses=data["pauses"],
        skipped=skipped,
    )


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
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
            mark_safe("<br>"), "<span style='white-space:nowrap'>{}</span>", ((part,) for part in parts)
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
            calendar_id = request.GET.get("calendar", "")
            if calendar_id.isdigit():
                initial["calendar"] = int(calendar_id)
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
                _("Pausas aguardando o cliente (opcional, SLA-4)"),
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


# --- Holidays (CAL-2) ------------------------------------------------------------------------------


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("day", "weekday", "name", "scope", "state", "municipality", "company", "source")
    list_display_links = ("day", "name")
    list_filter = ("scope", "state", "source")
    date_hierarchy = "date"
    search_fields = ("name", "municipality")
    list_select_related = ("company",)
    autocomplete_fields = ("company",)
    fields = ("date", "name", "scope", "state", "municipality", "company", "source")
    readonly_fields = ("source",)
    actions = ["reimport_years"]
    list_per_page = 100
    change_list_template = "admin/sla/holiday/change_list.html"

    @admin.display(description=_("data"), ordering="date")
    def day(self, obj):
        return obj.date.strftime("%d/%m/%Y")

    @admin.display(description=_("dia da semana"))
    def weekday(self, obj):
        return formats.date_format(obj.date, "l")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_add_permission(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Import a year from the `holidays` package: leaders only (it adds rows)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = HolidayImportForm(
            request.POST or None, initial={"year": timezone.localdate(timezone=SAO_PAULO).year + 1}
        )
        if request.method == "POST" and form.is_valid():
            year = form.cleaned_data["year"]
            try:
                created = services.holidays_import_year(year=year)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                self.message_user(request, self._import_message(year, created), messages.SUCCESS)
                changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                return HttpResponseRedirect(f"{changelist}?{urlencode({'date__year': year})}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Importar ano do pacote holidays"),
            "subtitle": None,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["year"]})], {}),
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/sla/holiday/import.html", context)

    @staticmethod
    def _import_message(year: int, created: int) -> str:
        if created == 0:
            return _("Nenhum feriado novo em %(year)d: o ano já estava importado.") % {"year": year}
        return ngettext(
            "%(count)d feriado importado de %(year)d.", "%(count)d feriados importados de %(year)d.", created
        ) % {"count": created, "year": year}

    @admin.action(description=_("Reimportar do pacote os anos selecionados"), permissions=["add"])
    def reimport_years(self, request, queryset):
        years = sorted(set(queryset.values_list("date__year", flat=True)))
        for year in years:
            try:
                created = services.holidays_import_year(year=year)
            except DomainError as error:
                self.message_user(request, f"{year}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, self._import_message(year, created), messages.SUCCESS)


# --- Targets and Prime contracts (SEV-1, SLA-8) ------------------------------------------------------


def _severity_rank(prefix: str = ""):
    return Case(
        *(When(**{f"{prefix}severity": value}, then=Value(rank)) for value, rank in SEVERITY_ORDER.items()),
        output_field=IntegerField(),
    )


@admin.register(SeverityTarget)
class SeverityTargetAdmin(admin.ModelAdmin):
    list_display = ("severity", "response_hours", "maintenance_days")
    list_editable = ("response_hours", "maintenance_days")
    list_display_links = ("severity",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rank=_severity_rank()).order_by("_rank")


class PrimeTargetInline(admin.TabularInline):
    model = PrimeTarget
    fields = ("severity", "response_hours", "maintenance_days")
    extra = 0
    max_num = len(SEVERITY_ORDER)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rank=_severity_rank()).order_by("_rank")


class PrimeContractForm(forms.ModelForm):
    class Meta:
        model = PrimeContract
        fields = ("company", "calendar", "starts_on", "ends_on", "notes")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("O fim da vigência deve ser igual ou posterior ao início."))
        return data


@admin.register(PrimeContract)
class PrimeContractAdmin(admin.ModelAdmin):
    form = PrimeContractForm
    list_display = ("company", "calendar", "starts_on", "ends_on", "in_force")
    list_filter = ("calendar",)
    search_fields = ("company__trade_name", "company__legal_name", "company__cnpj")
    list_select_related = ("company", "calendar")
    autocomplete_fields = ("company",)
    inlines = [PrimeTargetInline]

    @admin.display(description=_("em vigor"), boolean=True)
    def in_force(self, obj):
        return obj.is_in_force(timezone.localdate(timezone=SAO_PAULO))


# --- Frozen calendars (CAL-2a) -----------------------------------------------------------------------


class SnapshotCalendarFilter(admin.SimpleListFilter):
    title = _("calendário")
    parameter_name = "calendario"

    def lookups(self, request, model_admin):
        return [(str(calendar.pk), calendar.name) for calendar in Calendar.objects.order_by("name")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(calendar_id=int(value)) if value and value.isdigit() else queryset


@admin.register(CalendarSnapshot)
class CalendarSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot is what deadlines were promised with; nobody edits or deletes it."""

    list_display = ("calendar_name", "short_digest", "years", "closed_count", "created")
    list_display_links = ("calendar_name", "short_digest")
    list_filter = (SnapshotCalendarFilter,)
    search_fields = ("digest", "calendar__slug", "calendar__name")
    list_select_related = ("calendar",)
    ordering = ("-created_at",)
    fields = ("calendar_name", "full_digest", "created", "years", "schedule", "closed_dates", "pretty_data")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
        return formats.date_format(timezone.localtime(obj.created_at, SAO_PAULO), "d/m/Y H:i")

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
        return format_html(
            "<ul style='max-height:20rem;overflow:auto;margin:0;padding-left:1.2rem'>{}</ul>", items
        )

    @admin.display(description=_("dados (JSON)"))
    def pretty_data(self, obj):
        # One key per line: readable, and still exactly what the engine loads.
        lines = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in obj.data.items()
        )
        text = "{\n" + lines + "\n}"
        return format_html(
            "<details><summary>{}</summary><pre style='white-space:pre-wrap;max-height:30rem;"
            "overflow:auto;margin:.5rem 0 0'>{}</pre></details>",
            _("Mostrar os dados congelados"),
            text,
        )
