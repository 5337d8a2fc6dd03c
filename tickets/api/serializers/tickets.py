"""Serializers of tickets (API-1): they shape input and output, never decide a rule.

Input serializers only check types and resolve ids; tickets/services enforce the rules (ACC-4,
ACC-6, the catalogue, TKT-6) and accounts/access.py decides what a user may see.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import contact_of
from core.ids import IdRelatedField
from sla.models import Severity

from ...deadlines import SlaState, sla_state
from ...models import TEXT_MAX, Product, ProductVersion, Routine, Ticket
from .common import CompanyField, CompanyRefSerializer, NamedRefSerializer, UserRefSerializer


class TicketSlaBriefSerializer(serializers.Serializer):
    """The deadlines stored on the ticket (kept current by the services and the periodic jobs)."""

    response_due_at = serializers.DateTimeField(allow_null=True)
    maintenance_due_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(source="sla_due_at", allow_null=True)
    paused = serializers.BooleanField(source="sla_paused")
    breached = serializers.SerializerMethodField()

    def get_breached(self, ticket: Ticket) -> bool:
        return ticket.sla_breached_at is not None or sla_state(ticket, timezone.now()) == SlaState.BREACHED


class TicketSlaSerializer(serializers.Serializer):
    """SLA-1, SLA-5: computed with `ticket_sla(ticket)` at the request's instant."""

    calendar = serializers.CharField(help_text="Service calendar the deadlines are counted in.")
    active_target = serializers.ChoiceField(
        choices=["response", "maintenance"],
        help_text="The target that governs now: maintenance while the ticket is in maintenance.",
    )
    response_due_at = serializers.DateTimeField(
        allow_null=True, help_text="Response/solution deadline; null while a pause stops the clock."
    )
    maintenance_due_at = serializers.DateTimeField(allow_null=True, help_text="Maintenance deadline.")
    due_at = serializers.DateTimeField(allow_null=True, help_text="Deadline of the active target.")
    target_seconds = serializers.IntegerField(help_text="The active target, in business seconds.")
    consumed_seconds = serializers.IntegerField(help_text="Business seconds used so far.")
    business_seconds_left = serializers.IntegerField(
        help_text="Business seconds left; negative once breached."
    )
    breached = serializers.BooleanField()
    at_risk = serializers.BooleanField(help_text="Less than 20 % of the target left.")
    paused = serializers.BooleanField(help_text="The ticket waits on the client.")

    @staticmethod
    def from_sla(ticket: Ticket, sla) -> dict:
        current = sla.current
        return {
            "calendar": sla.calendar_slug,
            "active_target": sla.active,
            "response_due_at": sla.response.due_at,
            "maintenance_due_at": sla.maintenance.due_at,
            "due_at": current.due_at,
            "target_seconds": current.target_seconds,
            "consumed_seconds": current.consumed_seconds,
            "business_seconds_left": current.left_seconds,
            "breached": current.breached,
            "at_risk": current.at_risk,
            "paused": current.paused,
        }


class TicketListSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    severity_display = serializers.CharField(source="get_severity_display", read_only=True)
    company = CompanyRefSerializer(read_only=True)
    product = NamedRefSerializer(read_only=True)
    team = NamedRefSerializer(read_only=True)
    requester = UserRefSerializer(read_only=True)
    assignee = UserRefSerializer(read_only=True, allow_null=True)
    sla = TicketSlaBriefSerializer(source="*", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "number",
            "url",
            "status",
            "status_display",
            "severity",
            "severity_display",
            "kind",
            "modality",
            "summary",
            "company",
            "product",
            "team",
            "requester",
            "assignee",
            "created_at",
            "updated_at",
            "sla",
        ]
        read_only_fields = fields

    def get_url(self, ticket: Ticket) -> str:
        path = reverse("api-ticket-detail", kwargs={"number": ticket.number})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class TicketAnswersSerializer(serializers.Serializer):
    function_unusable = serializers.BooleanField(source="answer_function_unusable")
    has_workaround = serializers.BooleanField(source="answer_has_workaround")
    data_corruption = serializers.BooleanField(source="answer_data_corruption")
    cosmetic = serializers.BooleanField(source="answer_cosmetic")


class AcceptanceSerializer(serializers.Serializer):
    """ACP-1..3: the window a proposed solution waits in; null when no solution waits."""

    deadline = serializers.DateTimeField(help_text="Accept, reject or postpone before this instant.")
    reminder_at = serializers.DateTimeField(allow_null=True, help_text="When the reminder goes out.")
    reminder_sent_at = serializers.DateTimeField(allow_null=True)
    postponed = serializers.BooleanField(help_text="The one postponement was used.")
    postponed_at = serializers.DateTimeField(allow_null=True)
    can_postpone = serializers.BooleanField()
    policy = serializers.CharField(help_text="The product line's acceptance policy.")

    @staticmethod
    def from_ticket(ticket: Ticket) -> dict | None:
        if ticket.status != Ticket.Status.AWAITING_VALIDATION or ticket.acceptance_deadline is None:
            return None
        policy = ticket.acceptance_policy
        postponed = ticket.acceptance_postponed_at is not None
        return {
            "deadline": ticket.acceptance_deadline,
            "reminder_at": ticket.acceptance_reminder_at,
            "reminder_sent_at": ticket.acceptance_reminder_sent_at,
            "postponed": postponed,
            "postponed_at": ticket.acceptance_postponed_at,
            "can_postpone": ticket.can_postpone,
            "policy": policy.name if policy else "",
        }


class TicketDetailSerializer(TicketListSerializer):
    """The whole ticket; `sla` is computed for the request (context["sla"], from `ticket_sla`)."""

    routine = NamedRefSerializer(read_only=True)
    version = NamedRefSerializer(read_only=True)
    answers = TicketAnswersSerializer(source="*", read_only=True)
    follow_up_of: serializers.SlugRelatedField[Ticket] = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text="The closed ticket this one follows up.",
    )
    sla = serializers.SerializerMethodField()  # type: ignore[assignment]  # replaces the list's brief
    acceptance = serializers.SerializerMethodField()
    follow_ups: serializers.SlugRelatedField[Ticket] = serializers.SlugRelatedField(
        slug_field="number",
        many=True,
        read_only=True,
        help_text="Follow-ups opened from this ticket.",
    )

    class Meta(TicketListSerializer.Meta):
        fields = [
            *TicketListSerializer.Meta.fields[:-1],
            "routine",
            "version",
            "environment",
            "environment_details",
            "description",
            "error_message",
            "particularities",
            "answers",
            "status_changed_at",
            "closed_at",
            "acceptance_deadline",
            "follow_up_of",
            "follow_ups",
            "sla",
            "acceptance",
        ]
        read_only_fields = fields

    @extend_schema_field(TicketSlaSerializer)
    def get_sla(self, ticket: Ticket) -> dict:
        data = TicketSlaSerializer.from_sla(ticket, self.context["sla"])
        return TicketSlaSerializer(data).data

    @extend_schema_field(AcceptanceSerializer(allow_null=True))
    def get_acceptance(self, ticket: Ticket) -> dict | None:
        data = AcceptanceSerializer.from_ticket(ticket)
        return None if data is None else AcceptanceSerializer(data).data


class TicketFilterSerializer(serializers.Serializer):
    """Query parameters of the ticket list."""

    status = serializers.ChoiceField(choices=Ticket.Status.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    kind = serializers.ChoiceField(choices=Ticket.Kind.choices, required=False)
    scope = serializers.ChoiceField(
        choices=[("mine", "mine")], required=False, help_text="`mine`: only the tickets you opened."
    )
    open = serializers.BooleanField(
        required=False, default=False, help_text="Only tickets not yet closed (ignored with `status`)."
    )
    q = serializers.CharField(
        required=False, max_length=100, help_text="An 8-digit number, or words of the summary."
    )

    def to_selector_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "status": data.get("status", ""),
            "severity": data.get("severity", ""),
            "kind": data.get("kind", ""),
            "scope": data.get("scope", ""),
            "search": data.get("q", ""),
            "open_only": data.get("open", False),
        }


class TicketCreateSerializer(serializers.Serializer):
    """TKT-2: what opening a ticket asks for; the four answers give the severity (SEV-1)."""

    company = CompanyField(
        required=False, help_text="Required for partner consultants; a contact's company is implied."
    )
    product = IdRelatedField(queryset=Product.objects.all())
    routine = IdRelatedField(queryset=Routine.objects.all())
    version = IdRelatedField(queryset=ProductVersion.objects.all())
    environment = serializers.ChoiceField(choices=Ticket.Environment.choices)
    environment_details = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Ticket.Kind.choices, default=Ticket.Kind.TECHNICAL)
    modality = serializers.ChoiceField(choices=Ticket.Modality.choices, default=Ticket.Modality.STANDARD)
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=TEXT_MAX)
    error_message = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    particularities = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    function_unusable = serializers.BooleanField(default=False, help_text="The function cannot be used.")
    has_workaround = serializers.BooleanField(default=False, help_text="There is a workaround.")
    data_corruption = serializers.BooleanField(default=False, help_text="Data is being corrupted.")
    cosmetic = serializers.BooleanField(default=False, help_text="Only spelling, navigation or display.")

    def validate(self, attrs):
        if "company" not in attrs:
            contact = contact_of(self.context["request"].user)
            if contact is None:
                raise serializers.ValidationError({"company": [_("Informe a empresa.")]}, code="required")
            attrs["company"] = contact.company
        return attrs


class TicketCreateUploadSerializer(TicketCreateSerializer):
    """Opening in multipart: the same fields plus the files (logs, screenshots, video, TKT-2)."""

    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=10
    )
