"""Public pages of the SLA app: the holiday calendar and the service hours (CAL-3, CAL-4).

The texts about calendars (weekly schedule, holiday policy, special dates) come from
`sla.presenters`, which the back-office shares.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import access
from core.periods import local_today

from . import services
from .models import Calendar, CalendarException, Holiday
from .presenters import POLICY_IN_WORDS, calendar_text, exception_text, schedule_summary

HOLIDAY_CALENDAR_MONTHS = 6  # CAL-4: "the coming months"


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_title(year: int, month: int) -> str:
    name = formats.date_format(date(year, month, 1), "F")
    return capfirst(_("%(month)s de %(year)d") % {"month": name, "year": year})


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
    today = local_today()
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
            "name": calendar_text(cal.name),
            "description": calendar_text(cal.description),
            "schedule": schedule_summary(cal.intervals.all()).split("; "),
            "policy": POLICY_IN_WORDS.get(cal.holiday_policy, cal.get_holiday_policy_display()),
            "exceptions": [exception_text(exception) for exception in cal.upcoming_exceptions],
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
