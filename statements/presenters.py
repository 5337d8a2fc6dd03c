"""The statement's ready-made periods (TKT-11): this month (the default), last month, the last 90
days, as links a client clicks instead of typing two dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PeriodPreset:
    key: str
    label: str
    start: date
    end: date


def this_month(today: date) -> tuple[date, date]:
    """The whole calendar month of `today`: the default period (from day 1 to the month's last day)."""
    return today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1])


def statement_presets(today: date) -> list[PeriodPreset]:
    start, end = this_month(today)
    last_month_end = start - timedelta(days=1)
    return [
        PeriodPreset("este-mes", str(_("Este mês")), start, end),
        PeriodPreset("mes-passado", str(_("Mês passado")), last_month_end.replace(day=1), last_month_end),
        PeriodPreset("90-dias", str(_("Últimos 90 dias")), today - timedelta(days=89), today),
    ]
