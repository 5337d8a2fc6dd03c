"""Money of consultancy in the API: the monthly statement of a company or a partner unit, the rates
and taxes in force, and the yearly IGPM adjustment."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.ids import id_field

from .common import (
    CompanyRefSerializer,
    LineSerializer,
    ModalityRefSerializer,
    UnitRefSerializer,
    UserRefSerializer,
    money,
    percentage,
)

MONTH = re.compile(r"(20[0-9]{2})-(0[1-9]|1[0-2])")


@extend_schema_field(
    {"type": "string", "pattern": r"^20[0-9]{2}-(0[1-9]|1[0-2])$", "description": "A month: YYYY-MM."}
)
class MonthField(serializers.Field):
    """A calendar month as YYYY-MM (2000 to 2099), read as its first day."""

    default_error_messages = {"invalid": _("Informe o mês como AAAA-MM, por exemplo 2026-11.")}

    def to_internal_value(self, data: Any) -> date:
        match = MONTH.fullmatch(data) if isinstance(data, str) else None
        if match is None:
            self.fail("invalid")
        return date(int(match[1]), int(match[2]), 1)

    def to_representation(self, value: date) -> str:
        return f"{value:%Y-%m}"


class StatementFilterSerializer(serializers.Serializer):
    month = MonthField(help_text="The month (Brasília): a session belongs to the month it is scheduled in.")
    company = id_field(
        required=False,
        help_text="Staff: the company's id. A contact always reads their own company's.",
    )
    unit = id_field(
        required=False,
        help_text="Staff: the partner unit's id. A partner consultant always reads their own unit's.",
    )


class StatementLineSerializer(LineSerializer):
    """One session of the statement and its line."""

    session = serializers.IntegerField(source="session.pk", read_only=True)
    scheduled_for = serializers.DateTimeField(source="session.scheduled_for", read_only=True)
    consultancy = serializers.IntegerField(source="consultancy.pk", read_only=True)
    ticket = serializers.CharField(source="consultancy.ticket.number", read_only=True)
    company = CompanyRefSerializer(source="consultancy.ticket.company", read_only=True)
    modality = ModalityRefSerializer(source="consultancy.modality", read_only=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        """The session's own fields first, then its line's."""
        fields = super().get_fields()
        first = ["session", "scheduled_for", "consultancy", "ticket", "company", "modality"]
        return {name: fields[name] for name in [*first, *(name for name in fields if name not in first)]}


class TotalsSerializer(serializers.Serializer):
    """Sums of the statement's rounded lines (lines billed to someone else add no money)."""

    sessions = serializers.IntegerField(read_only=True)
    recorded_minutes = serializers.IntegerField(read_only=True)
    billable_minutes = serializers.IntegerField(read_only=True)
    waived_minutes = serializers.IntegerField(read_only=True)
    amount = money(help_text="Before taxes.")
    taxes = money()
    total = money()


class StatementSerializer(serializers.Serializer):
    month = MonthField(read_only=True)
    company = CompanyRefSerializer(read_only=True, allow_null=True, help_text="Set for a company's.")
    unit = UnitRefSerializer(read_only=True, allow_null=True, help_text="Set for a partner unit's.")
    lines = StatementLineSerializer(many=True, read_only=True, help_text="Oldest session first.")
    totals = TotalsSerializer(read_only=True)


# --- Rates, taxes and the IGPM adjustment -------------------------------------------------------------------


class AdjustmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    percentage = percentage()
    valid_from = serializers.DateField(read_only=True)


class RateInForceSerializer(serializers.Serializer):
    """A modality and its price per minute in force."""

    # Serializes a (modality, rate or None) pair of consultoria.selectors.rates_in_force.

    modality = ModalityRefSerializer(read_only=True)
    price_per_minute = money(allow_null=True, help_text="Null: no rate for this modality yet.")
    valid_from = serializers.DateField(read_only=True, allow_null=True)
    adjustment = AdjustmentRefSerializer(
        read_only=True, allow_null=True, help_text="The IGPM adjustment that created the rate, if one did."
    )

    def to_representation(self, instance: tuple[Any, Any]) -> dict[str, Any]:
        modality, rate = instance
        return super().to_representation(
            {
                "modality": modality,
                "price_per_minute": None if rate is None else rate.price_per_minute,
                "valid_from": None if rate is None else rate.valid_from,
                "adjustment": None if rate is None else rate.adjustment,
            }
        )


class TaxInForceSerializer(serializers.Serializer):
    percentage = percentage(help_text="Added to every billed line.")
    valid_from = serializers.DateField(read_only=True)


class RatesSerializer(serializers.Serializer):
    day = serializers.DateField(read_only=True, help_text="Today in Brasília.")
    rates = RateInForceSerializer(many=True, read_only=True, help_text="One per modality.")
    taxes = TaxInForceSerializer(read_only=True, allow_null=True, help_text="Null: no taxes set yet.")


class AdjustedRateSerializer(serializers.Serializer):
    modality = ModalityRefSerializer(read_only=True)
    price_per_minute = money(help_text="The old rate × (1 + IGPM), rounded half-up to the centavo.")
    valid_from = serializers.DateField(read_only=True)


class AdjustmentSerializer(AdjustmentRefSerializer):
    note = serializers.CharField(read_only=True)
    recorded_by = UserRefSerializer(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)
    rates = AdjustedRateSerializer(many=True, read_only=True, help_text="The new rate of each modality.")
