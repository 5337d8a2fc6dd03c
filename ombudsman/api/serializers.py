"""Ombudsman cases as the API shows them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Case, CaseEntry
from ..services import SUBJECT_MAX, TEXT_MAX


class CaseListSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="compliment or complaint")
    status = serializers.CharField(help_text="opened, in_analysis, answered or closed")
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    late = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "protocol",
            "kind",
            "kind_label",
            "subject",
            "status",
            "status_label",
            "opened_at",
            "due_at",
            "late",
            "answered_at",
        ]

    def get_late(self, obj: Case) -> bool:
        return obj.is_late()


class CaseEntrySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="message or status")
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    author = serializers.SerializerMethodField()

    class Meta:
        model = CaseEntry
        fields = ["kind", "from_team", "author", "body", "from_status", "to_status", "created_at"]

    def get_author(self, obj: CaseEntry) -> str:
        """The ombudsman team signs as a team; a client by name."""
        if obj.from_team:
            return "Ouvidoria"
        return obj.author.get_full_name() or obj.author.email


class CaseDetailSerializer(CaseListSerializer):
    description = serializers.CharField()
    answer = serializers.CharField()
    tickets = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "description", "answer", "tickets", "timeline"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tickets(self, obj: Case) -> list[str]:
        return [ticket.number for ticket in obj.tickets.order_by("number")]

    @extend_schema_field(CaseEntrySerializer(many=True))
    def get_timeline(self, obj: Case) -> list[dict[str, object]]:
        return CaseEntrySerializer(self.context["timeline"], many=True).data  # type: ignore[return-value]


class CaseCreateSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=12, help_text="compliment or complaint")
    tickets = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1, max_length=10)
    subject = serializers.CharField(max_length=SUBJECT_MAX)
    description = serializers.CharField(max_length=TEXT_MAX)


class MessageSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=TEXT_MAX)
