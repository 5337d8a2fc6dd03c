"""Suggestions as the API shows them: never the proposer, their company or who supports it; only
whether it is the user's own (`mine`) and whether the user supports it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.ids import id_field

from ..models import Suggestion, SuggestionStatusChange
from ..selectors import ORDERS
from ..services import DESCRIPTION_MAX, TITLE_MAX


class SuggestionProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SuggestionListSerializer(serializers.ModelSerializer):
    product = SuggestionProductSerializer()
    status = serializers.CharField(help_text="received, in_review, planned, declined or delivered")
    status_label = serializers.CharField(source="get_status_display")
    mine = serializers.BooleanField(source="is_mine")
    supported = serializers.BooleanField()

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "product",
            "title",
            "description",
            "status",
            "status_label",
            "status_reason",
            "support_count",
            "mine",
            "supported",
            "created_at",
        ]


class SuggestionStatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()

    class Meta:
        model = SuggestionStatusChange
        fields = ["from_status", "to_status", "reason", "created_at"]


class SuggestionDetailSerializer(SuggestionListSerializer):
    history = serializers.SerializerMethodField()

    class Meta(SuggestionListSerializer.Meta):
        fields = [*SuggestionListSerializer.Meta.fields, "history"]

    @extend_schema_field(SuggestionStatusChangeSerializer(many=True))
    def get_history(self, obj: Suggestion) -> list[dict[str, object]]:
        return SuggestionStatusChangeSerializer(self.context["history"], many=True).data  # type: ignore[return-value]


class SuggestionCreateSerializer(serializers.Serializer):
    product = id_field()
    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=DESCRIPTION_MAX)


class SuggestionFilterSerializer(serializers.Serializer):
    product = id_field(required=False)
    status = serializers.CharField(
        required=False, max_length=20, help_text="received, in_review, planned, declined or delivered"
    )
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    order = serializers.CharField(
        required=False, max_length=20, help_text="apoios (most supported, the default) or recentes (newest)"
    )

    def validate_status(self, value: str) -> str:
        if value and value not in Suggestion.Status.values:
            raise serializers.ValidationError(_("Situação desconhecida."))
        return value

    def validate_order(self, value: str) -> str:
        if value and value not in ORDERS:
            raise serializers.ValidationError(_("Use apoios ou recentes."))
        return value
