"""Time zone and periods: instants are stored in UTC and shown in Brasília time (America/Sao_Paulo),
and a period of local dates is validated and turned into instants in one place."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def local_today() -> date:
    """Today in Brasília."""
    return timezone.localdate(timezone=SAO_PAULO)


def local(value: datetime) -> datetime:
    """The instant in Brasília time."""
    return timezone.localtime(value, SAO_PAULO)


def format_local(value: datetime | None, fmt: str = DATETIME_FORMAT, *, empty: str = "") -> str:
    """dd/mm/aaaa HH:MM (or `fmt`) in Brasília time, whatever the active time zone."""
    return local(value).strftime(fmt) if value else empty


def as_local(value: datetime) -> datetime:
    """A wall-clock instant read as Brasília time (naive), or an aware one moved there."""
    return value.astimezone(SAO_PAULO) if value.tzinfo is not None else value.replace(tzinfo=SAO_PAULO)


# Dates a period may use: nothing of the portal lies outside, and the bounds keep date arithmetic
# (the day after the end, instants in UTC) far from date.min/date.max.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def in_range(value: date) -> bool:
    """A date (or an instant, by its date) within EARLIEST..LATEST."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def check_in_range(value: date | None) -> None:
    """A form field's validator: a date or an instant within EARLIEST..LATEST (year 9999 is a date,
    but its end passes the calendar's once converted to UTC)."""
    if value is not None and not in_range(value):
        raise ValidationError(
            _("Informe uma data entre %(earliest)s e %(latest)s.")
            % {"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": LATEST.strftime("%d/%m/%Y")},
            code="date_out_of_range",
        )


def validate_period(start: date, end: date, *, max_days: int | None = None) -> None:
    """A period of local dates: both within EARLIEST..LATEST, the end on or after the start, and at
    most `max_days` long."""
    if not (in_range(start) and in_range(end)):
        raise DomainError(
            _("Escolha datas entre %(earliest)s e %(latest)s.")
            % {"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": LATEST.strftime("%d/%m/%Y")},
            code="date_out_of_range",
        )
    if end < start:
        raise DomainError(_("A data final deve ser igual ou posterior à inicial."), code="invalid_period")
    if max_days is not None and (end - start).days > max_days:
        message = (
            _("Escolha um período de até um ano.")
            if max_days >= 365
            else _("Escolha um período de até %(days)d dias.") % {"days": max_days}
        )
        raise DomainError(message, code="period_too_long")


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[since, until) instants of the local dates from `start` to `end`, both included."""
    return (
        datetime.combine(start, time.min, tzinfo=SAO_PAULO),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=SAO_PAULO),
    )
