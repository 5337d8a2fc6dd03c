"""Calendars in words, shared by the public holiday page and the back-office so both say the same
thing the same way: the weekly schedule in one line, the holiday policy, a calendar's special date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from .models import Calendar, CalendarException, CalendarInterval

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


# The names and descriptions of the calendars the product ships (sla migration 0002) are in the
# catalogue, so a reader who chose English reads them in English; a text a leader typed later is
# shown as typed (gettext returns what it does not know unchanged).
SHIPPED_CALENDAR_TEXTS = (
    gettext_noop("Suporte técnico"),
    gettext_noop("Padrão dos chamados técnicos; atende em feriados locais."),
    gettext_noop("Contratos Prime; atende em feriados locais."),
    gettext_noop("Contratos Prime com atendimento 24x7."),
    gettext_noop("CST (administrativo/financeiro)"),
    gettext_noop("Centro de Serviços."),
    gettext_noop("24x7, sem feriados."),
    gettext_noop("Vitrine"),
    gettext_noop("Consultório"),
    gettext_noop("Consultoria"),
    gettext_noop("Ouvidoria"),
)


def calendar_text(value: str) -> str:
    """A calendar's name or description in the reader's language when the product shipped it."""
    return _(value) if value else ""


def clock_text(seconds: int) -> str:
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
            hours=", ".join(f"{clock_text(start)}–{clock_text(end)}" for start, end in schedule),
        )
        for schedule, days in groups.items()
    )


def exception_text(exception: CalendarException) -> str:
    """A calendar's closed or special working date in one line, with its description."""
    day = exception.date.strftime("%d/%m/%Y")
    if exception.kind == CalendarException.Kind.CLOSED:
        text = _("Fechado em %(day)s") % {"day": day}
    else:
        # A special working date has its start and end (`CalendarException.clean`).
        start_time, end_time = cast(time, exception.start), cast(time, exception.end)
        end = end_time.hour * 3600 + end_time.minute * 60 or 86400
        text = _("Expediente especial em %(day)s, %(start)s–%(end)s") % {
            "day": day,
            "start": start_time.strftime("%H:%M"),
            "end": clock_text(end),
        }
    return f"{text} ({exception.description})" if exception.description else text
