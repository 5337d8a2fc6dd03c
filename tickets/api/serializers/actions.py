"""Input of the analysts' actions (TKT-5, TKT-6, SEV-1) and of the client's answer to a solution."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from core.ids import IdRelatedField, as_id
from sla.models import Severity

from ...models import TEXT_MAX, Team, Ticket


class TicketTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class TicketReclassifySerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class TicketTransferSerializer(serializers.Serializer):
    team = IdRelatedField(queryset=Team.objects.all())
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


@extend_schema_field(
    {
        "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["me"]}],
        "nullable": True,
        "description": 'An analyst\'s user id, "me", or null to put the ticket back in the queue.',
    }
)
class AssigneeField(serializers.Field):
    default_error_messages = {"not_found": _("Chamados são atribuídos a analistas ativos.")}

    def to_internal_value(self, data) -> User:
        if data == "me":
            return self.context["request"].user
        pk = as_id(data)
        user = User.objects.filter(pk=pk).first() if pk is not None else None
        if user is None:
            self.fail("not_found")
        return user

    def to_representation(self, value):
        return value.pk


class TicketAssignSerializer(serializers.Serializer):
    assignee = AssigneeField(allow_null=True)


# --- The client's answer to a solution (ACP-3) and follow-ups (TKT-9) ---------------------------------


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=TEXT_MAX, help_text="Why the solution did not solve the problem (mandatory)."
    )


class FollowUpSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=TEXT_MAX, help_text="What the client needs now: the follow-up's description."
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
