"""Public pages of the SLA app: the holiday calendar and the service hours (CAL-3, CAL-4).

Also the small text helpers the back-office shares with these pages (weekly schedule summary,
holiday policy in words), so both say the same thing the same way.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts import access

from . import services
from .models import Calendar, CalendarException, CalendarInterval, Holiday

HOLIDAY_CALENDAR_MONTHS = 6  # CAL-4: "the coming months"

WEEKDAY_ABBREVIATIONS = (
    gettext_lazy("seg"),
    gettext_lazy("ter"),
    gettext_lazy("qua"),
    gettext_lazy("qui"),
    gettext_lazy("sex"),
    gettext_lazy("sáb"),
    gettext_lazy("dom"),
)

POLICY_IN_WORDS = {
    Calendar.HolidayPolicy.NONE: gettext_lazy("Atende também em feriados."),
    Calendar.HolidayPolicy.NATIONAL: gettext_lazy(
        "Fecha nos feriados nacionais; atende nos estaduais e municipais."
    ),
    Calendar.HolidayPolicy.LOCAL: gettext_lazy(
        "Fecha nos feriados nacionais e nos estaduais e municipais do cliente."
    ),
}


def _clock_text(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _days_label(days: list[int]) -> str:
    """[0, 1, 2, 3, 4] -> 'seg–sex'; [0, 2, 4] -> 'seg, qua, sex'; [0, 1, 2, 4] -> 'seg–qua, sex'."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        first, last = WEEKDAY_ABBREVIATIONS[run[0]], WEEKDAY_ABBREVIATIONS[run[-1]]
        parts.append(str(first) if len(run) == 1 else f"{first}–{last}")
    return ", ".join(parts)


def schedule_summary(intervals: Iterable[CalendarInterval]) -> str:
    """A calendar's weekly schedule in one line: 'seg–sex 08:00–12:00, 13:30–18:00; sáb 09:00–15:00'."""
    weekly: list[list[tuple[int, int]]] = [[] for _day in range(7)]
    for interval in intervals:
        weekly[interval.weekday].append(interval.seconds)
    for day in weekly:
        day.sort()
    if all(day == [(0, 86400)] for day in weekly):
        return _("todos os dias, 24 horas (24x7)")
    groups: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for weekday, day in enumerate(weekly):
        if day:
            groups.setdefault(tuple(day), []).append(weekday)
    if not groups:
        return _("sem expediente")
    return "; ".join(
        "{days} {hours}".format(
            days=_days_label(days),
            hours=", ".join(f"{_clock_text(start)}–{_clock_text(end)}" for start, end in schedule),
        )
        for schedule, days in groups.items()
    )


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_title(year: int, month: int) -> str:
    name = formats.date_format(date(year, month, 1), "F")
    return capfirst(_("%(month)s de %(year)d") % {"month": name, "year": year})


def _exception_text(exception: CalendarException) -> str:
    day = exception.date.strftime("%d/%m/%Y")
    if exception.kind == CalendarException.Kind.CLOSED:
        text = _("Fechado em %(day)s") % {"day": day}
    else:
        end = exception.end.hour * 3600 + exception.end.minute * 60 or 86400
        text = _("Expediente especial em %(day)s, %(start)s–%(end)s") % {
            "day": day,
            "start": exception.start.strftime("%H:%M"),
            "end": _clock_text(end),
        }
    return f"{text} ({exception.description})" if exception.description else text


@dataclass
class HolidayRow:
    day: date
    name: str
    scope: str
    scope_label: str
    is_local: bool


@dataclass
class MonthGroup:
    year: int
    month: int
    title: str
    holidays: list[HolidayRow] = field(default_factory=list)
    partial: bool = False  # the current month, shown from today on


@require_GET
def holiday_calendar(request):
    """CAL-4: the holidays of the coming months, and the hours of every service calendar (CAL-3).

    Open to everyone. A logged-in client contact also sees their company's state, municipal and
    company holidays, marked as local: most service calendars keep their hours on those (CAL-2).
    """
    today = timezone.localdate(timezone=services.SAO_PAULO)
    last_year, last_month = _add_months(today, HOLIDAY_CALENDAR_MONTHS - 1)
    last_day = date(last_year, last_month, month_calendar.monthrange(last_year, last_month)[1])

    calendars = list(
        Calendar.objects.prefetch_related(
            "intervals",
            Prefetch(
                "exceptions",
                queryset=CalendarException.objects.filter(date__range=(today, last_day)).order_by(
                    "date", "start"
                ),
                to_attr="upcoming_exceptions",
            ),
        ).order_by("name")
    )
    contact = access.contact_of(request.user)
    company = contact.company if contact else None
    place = services.Place.of_company(company) if company else None

    # Any calendar that closes on holidays gives the public list; its own closed dates are shown
    # in the calendars table instead (they are not holidays).
    source = next(
        (cal for cal in calendars if cal.slug == services.TECHNICAL_CALENDAR),
        next((cal for cal in calendars if cal.holiday_policy != Calendar.HolidayPolicy.NONE), None),
    )
    rows = []
    if source is not None:
        rows = services.holidays_applied(
            calendar=source,
            first_year=today.year,
            last_year=last_day.year,
            place=place,
            add_local=place is not None,
            import_missing=False,  # no write on GET; sla.tasks keeps upcoming years imported
        )
    scope_labels = dict(Holiday.Scope.choices)
    months = [
        MonthGroup(year, month, _month_title(year, month), partial=offset == 0 and today.day > 1)
        for offset, (year, month) in (
            (offset, _add_months(today, offset)) for offset in range(HOLIDAY_CALENDAR_MONTHS)
        )
    ]
    by_month = {(group.year, group.month): group for group in months}
    for day, name, scope in rows:
        if scope == "calendar" or not today <= day <= last_day:
            continue
        by_month[(day.year, day.month)].holidays.append(
            HolidayRow(
                day=day,
                name=name,
                scope=scope,
                scope_label=str(scope_labels.get(scope, scope)),
                is_local=scope != Holiday.Scope.NATIONAL,
            )
        )
    service_hours = [
        {
            "calendar": cal,
            "schedule": schedule_summary(cal.intervals.all()).split("; "),
            "policy": POLICY_IN_WORDS.get(cal.holiday_policy, cal.get_holiday_policy_display()),
            "exceptions": [_exception_text(exception) for exception in cal.upcoming_exceptions],
        }
        for cal in calendars
    ]
    return render(
        request,
        "sla/holiday_calendar.html",
        {
            "today": today,
            "last_day": last_day,
            "months": months,
            "holiday_count": sum(len(group.holidays) for group in months),
            "company": company,
            "place": "/".join(filter(None, [company.municipality, company.state])) if company else "",
            "service_hours": service_hours,
        },
    )
