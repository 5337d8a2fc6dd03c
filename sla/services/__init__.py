"""SLA on the Django side: load calendars, freeze them into snapshots, compute ticket deadlines.

The arithmetic is `sla/engine.py`; here we decide *which* calendar, holidays and targets apply
(CAL-2, SLA-8, SEV-1/2) and turn pauses into deadlines (SLA-4), always counting from the opening
instant (SLA-3). One module per subject:

- `holidays`: the package's years kept imported, the holidays a calendar applies for a place;
- `snapshots`: calendars frozen into snapshots (CAL-2a) and the engine clocks built from them;
- `deadlines`: targets and calendar of a ticket, and its deadlines.

The public names are re-exported here: other apps write `from sla import services` and
`services.ticket_sla_compute(...)`, whatever module a name lives in.
"""

from core.periods import SAO_PAULO

from .deadlines import (
    AT_RISK_FRACTION,
    CST_CALENDAR,
    TECHNICAL_CALENDAR,
    Pause,
    Targets,
    TargetsBook,
    TargetStatus,
    TicketSla,
    calendar_for,
    prime_contract_in_force,
    targets_for,
    ticket_sla_compute,
)
from .holidays import Place, holidays_applied, holidays_ensure_years, holidays_import_year, normalize_place
from .snapshots import (
    SNAPSHOT_YEARS_AFTER,
    SNAPSHOT_YEARS_BEFORE,
    calendar_snapshot,
    calendar_snapshot_data,
    data_clock,
    holiday_names,
    snapshot_clock,
)

__all__ = [
    "AT_RISK_FRACTION",
    "CST_CALENDAR",
    "SAO_PAULO",
    "SNAPSHOT_YEARS_AFTER",
    "SNAPSHOT_YEARS_BEFORE",
    "TECHNICAL_CALENDAR",
    "Pause",
    "Place",
    "TargetStatus",
    "Targets",
    "TargetsBook",
    "TicketSla",
    "calendar_for",
    "calendar_snapshot",
    "calendar_snapshot_data",
    "data_clock",
    "holiday_names",
    "holidays_applied",
    "holidays_ensure_years",
    "holidays_import_year",
    "normalize_place",
    "prime_contract_in_force",
    "snapshot_clock",
    "targets_for",
    "ticket_sla_compute",
]
