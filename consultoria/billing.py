"""What a consultancy session bills (CON-1, CON-3, CON-7): pure functions over its recorded minutes,
its modality's rule, what the consultancy found, and the price and taxes of the accepted term.

- Minutes are whole minutes: an entry's end − start, rounded up.
- A session with no entry bills nothing; the module minimum (10 minutes) applies to a session
  with at least one entry.
- Module consultancy is waived when a product or documentation defect is found; investigative is
  billed unless the cause is a product defect; technical, telephone and on-site bill every minute.
- Waived minutes are the recorded minutes that were not billed.
- A line's amount is billable minutes × price per minute, its taxes a percentage of that amount,
  each rounded half-up to the centavo (core.money); totals are sums of rounded lines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from core.money import to_centavo

PRODUCT_DEFECT, DOCUMENTATION_DEFECT = "product_defect", "documentation_defect"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class BillingRule:
    """A modality's billing rule (the data of `consultoria.models.Modality`)."""

    minimum_minutes: int = 0
    waived_on_product_defect: bool = False
    waived_on_documentation_defect: bool = False


@dataclass(frozen=True)
class Line:
    """One session's line of a statement."""

    recorded_minutes: int
    billable_minutes: int
    waived_minutes: int
    price_per_minute: Decimal
    tax_percentage: Decimal
    amount: Decimal  # before taxes, rounded to the centavo
    taxes: Decimal  # rounded to the centavo

    @property
    def total(self) -> Decimal:
        return self.amount + self.taxes


def entry_minutes(started_at: datetime, ended_at: datetime) -> int:
    """Whole minutes of an entry, rounded up (an entry must end after it starts)."""
    seconds = (ended_at - started_at).total_seconds()
    if seconds <= 0:
        raise ValueError("an entry must end after it starts")
    return math.ceil(seconds / 60)


def is_waived(rule: BillingRule, finding: str) -> bool:
    """Whether what the consultancy found waives the session (CON-1)."""
    return (finding == PRODUCT_DEFECT and rule.waived_on_product_defect) or (
        finding == DOCUMENTATION_DEFECT and rule.waived_on_documentation_defect
    )


def billable_minutes(rule: BillingRule, recorded_minutes: int, finding: str) -> int:
    if recorded_minutes <= 0 or is_waived(rule, finding):
        return 0
    return max(recorded_minutes, rule.minimum_minutes)


def session_line(
    *,
    rule: BillingRule,
    recorded_minutes: int,
    finding: str,
    price_per_minute: Decimal,
    tax_percentage: Decimal,
) -> Line:
    billable = billable_minutes(rule, recorded_minutes, finding)
    amount = to_centavo(billable * price_per_minute)
    return Line(
        recorded_minutes=recorded_minutes,
        billable_minutes=billable,
        waived_minutes=max(recorded_minutes - billable, 0),
        price_per_minute=price_per_minute,
        tax_percentage=tax_percentage,
        amount=amount,
        taxes=to_centavo(amount * tax_percentage / HUNDRED),
    )


def adjusted_price(price_per_minute: Decimal, percentage: Decimal) -> Decimal:
    """A rate after the yearly IGPM adjustment: old × (1 + IGPM), half-up to the centavo (CON-7)."""
    return to_centavo(price_per_minute * (1 + percentage / HUNDRED))


@dataclass
class Totals:
    """Sums of a statement's rounded lines."""

    sessions: int = 0
    recorded_minutes: int = 0
    billable_minutes: int = 0
    waived_minutes: int = 0
    amount: Decimal = field(default_factory=lambda: Decimal("0.00"))
    taxes: Decimal = field(default_factory=lambda: Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.amount + self.taxes

    def add(self, line: Line, *, charged: bool = True) -> None:
        """Add a line; `charged=False` counts its minutes but not its money (billed to someone else)."""
        self.sessions += 1
        self.recorded_minutes += line.recorded_minutes
        self.billable_minutes += line.billable_minutes
        self.waived_minutes += line.waived_minutes
        if charged:
            self.amount += line.amount
            self.taxes += line.taxes


def totals(lines: Iterable[Line]) -> Totals:
    result = Totals()
    for line in lines:
        result.add(line)
    return result
