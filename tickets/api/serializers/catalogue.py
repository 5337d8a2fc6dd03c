"""The catalogue, companies and teams (TKT-2, TKT-5)."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Company

from ...models import Product, Team
from .common import CompanyField, NamedRefSerializer


class ProductSerializer(serializers.ModelSerializer):
    line = NamedRefSerializer(read_only=True)
    routines = NamedRefSerializer(many=True, read_only=True, source="active_routines")
    versions = NamedRefSerializer(many=True, read_only=True, source="active_versions")

    class Meta:
        model = Product
        fields = ["id", "name", "line", "routines", "versions"]
        read_only_fields = fields


class ProductFilterSerializer(serializers.Serializer):
    company = CompanyField(required=False, help_text="Only the products this company contracted.")


class CompanySerializer(serializers.ModelSerializer):
    financial_pendency = serializers.BooleanField(source="has_financial_pendency", read_only=True)

    class Meta:
        model = Company
        fields = [
            "id",
            "trade_name",
            "legal_name",
            "cnpj",
            "state",
            "municipality",
            "support_offer",
            "financial_pendency",
        ]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "slug"]
        read_only_fields = fields
