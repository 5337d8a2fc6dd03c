"""Money (CON-7): exact decimals, rounded half-up to the centavo in this one function, and shown
as R$ 1.234,56."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENTAVO = Decimal("0.01")


def to_centavo(value: Decimal | int) -> Decimal:
    """The amount rounded half-up to the centavo; floats are refused (they are not exact)."""
    if isinstance(value, float):
        raise TypeError("money is never a float")
    return Decimal(value).quantize(CENTAVO, rounding=ROUND_HALF_UP)


def brl(value: Decimal) -> str:
    """R$ 1.234,56 (Brazilian grouping and decimal comma), whatever the active locale."""
    amount = to_centavo(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}R$ {centavos_text(abs(amount))}"


def centavos_text(value: Decimal) -> str:
    """1.234,56: the amount without the currency sign, as a spreadsheet in Portuguese reads it."""
    amount = to_centavo(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{cents}"
