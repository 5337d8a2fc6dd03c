"""The deadline simulation of the back-office (SLA-2..4): a target's deadline on a calendar as it
is now, with optional local holidays and pauses; nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.durations import Style, format_duration
from core.errors import DomainError
from core.periods import SAO_PAULO

from .forms import DeadlineSimulationForm
from .models import Calendar
from .services import Place, calendar_snapshot_data, data_clock, holiday_names


@dataclass(frozen=True)
class SimulationResult:
    """A what-if deadline (SLA-2..4) on a calendar built now; nothing is stored."""

    calendar: Calendar
    place: Place | None
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
        return format_duration(self.target_seconds, Style.CLOCK, with_seconds=True)


def _number_text(value: Decimal) -> str:
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value)


def simulate_deadline(data: dict) -> SimulationResult:
    """Deadline of a target on a calendar, from validated `DeadlineSimulationForm` data."""
    calendar, start, place = data["calendar"], data["start"], data["place"]
    snapshot_data = calendar_snapshot_data(
        calendar=calendar, around=start, place=place, add_local=place is not None
    )
    clock = data_clock(snapshot_data)
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
        names = holiday_names(snapshot_data)
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
