"""Pieces the ticket API's serializers share: ids from JSON, small nested references, the company
field (a company the user may act for, by id or CNPJ; another company is not found, TEN-2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import companies_actable_by
from accounts.models import Company
from accounts.validators import normalize_cnpj
from core.ids import as_id

# --- Small nested references ----------------------------------------------------------------------------


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    trade_name = serializers.CharField(read_only=True)


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1, "maxLength": 18}],
        "description": "The company's id, or its CNPJ (digits, punctuation optional).",
    }
)
class CompanyField(serializers.Field):
    """A company the user may act for, by id or CNPJ; another company is not found (TEN-2)."""

    default_error_messages = {"not_found": _("Empresa não encontrada.")}

    def to_internal_value(self, data) -> Company:
        visible = companies_actable_by(self.context["request"].user)
        company = None
        if isinstance(data, str) and len(normalize_cnpj(data)) == 14:
            company = visible.filter(cnpj=normalize_cnpj(data)).first()
        elif (pk := as_id(data)) is not None:
            company = visible.filter(pk=pk).first()
        if company is None:
            self.fail("not_found")
        return company

    def to_representation(self, value):
        return value.pk
