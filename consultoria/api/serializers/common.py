"""Pieces the consultancy serializers share: money and percentages as exact decimal strings, small
references, the modality with its billing rule, and a session's line of a statement."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from tickets.api.serializers.common import CompanyRefSerializer, UserRefSerializer

__all__ = [
    "CompanyRefSerializer",
    "LineSerializer",
    "ModalityRefSerializer",
    "ModalitySerializer",
    "TicketRefSerializer",
    "UnitRefSerializer",
    "UserRefSerializer",
    "api_url",
    "money",
    "percentage",
]


def money(**kwargs: Any) -> serializers.DecimalField:
    """An amount in reais: a decimal string with two places ("35.00"), already rounded half-up to
    the centavo by the billing rules."""
    return serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, **kwargs)


def percentage(**kwargs: Any) -> serializers.DecimalField:
    """A percentage as stored: a decimal string with three places ("14.250")."""
    return serializers.DecimalField(max_digits=6, decimal_places=3, read_only=True, **kwargs)


def api_url(serializer: serializers.Serializer[Any], name: str, **kwargs: Any) -> str:
    """An API route's absolute address when the request is known, its path otherwise."""
    path = reverse(name, kwargs=kwargs)
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class TicketRefSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, ticket: Any) -> str:
        return api_url(self, "api-ticket-detail", number=ticket.number)


class ModalityRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class BillingRuleSerializer(serializers.Serializer):
    """How a modality bills, as data."""

    minimum_minutes = serializers.IntegerField(
        read_only=True, help_text="Minutes billed at least per session with an entry (0: no minimum)."
    )
    waived_on_product_defect = serializers.BooleanField(
        read_only=True, help_text="Nothing is billed when the consultancy finds a product defect."
    )
    waived_on_documentation_defect = serializers.BooleanField(
        read_only=True, help_text="Nothing is billed when the consultancy finds a documentation defect."
    )
    needs_approval = serializers.BooleanField(
        read_only=True, help_text="A leader approves the move to consultancy before the term is sent."
    )
    chosen_at_opening = serializers.BooleanField(
        read_only=True, help_text="The client chooses it when opening the ticket (no approval)."
    )
    billed_to_unit = serializers.BooleanField(
        read_only=True, help_text="Billed to the partner unit serving the company."
    )


class ModalitySerializer(ModalityRefSerializer):
    how_it_starts = serializers.CharField(read_only=True)
    billing = serializers.CharField(read_only=True, help_text="The billing rule in words.")
    rule = BillingRuleSerializer(source="*", read_only=True)


class LineSerializer(serializers.Serializer):
    """A session's line: whole minutes, and money computed by the billing rules (billable minutes ×
    the accepted term's price, taxes on that amount, each rounded half-up to the centavo). A line
    billed to someone else shows 0.00 and, for a partner unit, its name."""

    # Serializes a consultoria.selectors.StatementLine.

    recorded_minutes = serializers.IntegerField(source="line.recorded_minutes", read_only=True)
    billable_minutes = serializers.IntegerField(source="line.billable_minutes", read_only=True)
    waived_minutes = serializers.IntegerField(
        source="line.waived_minutes", read_only=True, help_text="Recorded minutes that are not billed."
    )
    price_per_minute = money(source="line.price_per_minute", help_text="The accepted term's price.")
    tax_percentage = percentage(source="line.tax_percentage", help_text="The accepted term's taxes.")
    amount = money(help_text="Before taxes; 0.00 when billed to someone else.")
    taxes = money()
    total = money(help_text="Amount plus taxes.")
    charged = serializers.BooleanField(
        read_only=True, help_text="False: billed to someone else, so its money shows as 0.00 here."
    )
    billed_to_unit = UnitRefSerializer(
        read_only=True, allow_null=True, help_text="The partner unit that pays this session, if one does."
    )
