"""Money and percentages of the consultancy pages: R$ 1.234,56 (core.money) and 14,25 %."""

from __future__ import annotations

from decimal import Decimal

from django import template

from core.money import brl as money_brl

from ..models import Consultancy
from ..presenters import minimum_text, percent_text, status_badge, status_text

register = template.Library()


@register.filter
def brl(value: Decimal | None) -> str:
    """R$ 1.234,56; empty for no value."""
    return "" if value is None else money_brl(value)


@register.filter
def percent(value: Decimal | None) -> str:
    return "" if value is None else percent_text(value)


@register.filter
def client_status(consultancy: Consultancy) -> str:
    """The consultancy's status as the client reads it."""
    return status_text(consultancy)


@register.filter
def consultancy_badge(consultancy: Consultancy) -> str:
    return status_badge(consultancy)


@register.filter
def minimum(minutes: int) -> str:
    return minimum_text(minutes)
