"""Serializers of the ticket API (API-1): they shape input and output, never decide a rule.

Input serializers only check types and resolve ids; tickets/services.py enforces the rules
(ACC-4, ACC-6, the catalogue, TKT-6) and tickets/selectors.py decides what a user may see.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import companies_actable_by, contact_of
from accounts.models import Company, User
from accounts.validators import normalize_cnpj
from sla.models import Severity

from .models import Attachment, Message, Product, ProductVersion, Routine, Team, Ticket

MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField can hold


def _as_id(value) -> int | None:
    """A primary key from a JSON number or a string of ASCII digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,19}", value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


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


# --- Tickets: output --------------------------------------------------------------------------------------


class TicketSlaBriefSerializer(serializers.Serializer):
    """The deadlines stored on the ticket (kept current by the services and the periodic jobs)."""

    response_due_at = serializers.DateTimeField(allow_null=True)
    maintenance_due_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(source="sla_due_at", allow_null=True)
    paused = serializers.BooleanField(source="sla_paused")
    breached = serializers.SerializerMethodField()

    def get_breached(self, ticket: Ticket) -> bool:
        if ticket.sla_breached_at is not None:
            return True
        return ticket.sla_due_at is not None and ticket.sla_due_at <= timezone.now()


class TicketSlaSerializer(serializers.Serializer):
    """SLA-1, SLA-5: computed with `ticket_sla(ticket)` at the request's instant."""

    calendar = serializers.CharField(help_text="Service calendar the deadlines are counted in (CAL-3).")
    active_target = serializers.ChoiceField(
        choices=["response", "maintenance"],
        help_text="The target that governs now: maintenance while the ticket is in maintenance (SEV-2).",
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
    at_risk = serializers.BooleanField(help_text="Less than 20 % of the target left (SLA-5).")
    paused = serializers.BooleanField(help_text="The ticket waits on the client (SLA-4).")

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

    deadline = serializers.DateTimeField(help_text="Accept, reject or postpone before this instant (ACP-1).")
    reminder_at = serializers.DateTimeField(allow_null=True, help_text="When the reminder goes out (ACP-2).")
    reminder_sent_at = serializers.DateTimeField(allow_null=True)
    postponed = serializers.BooleanField(help_text="The one postponement was used (ACP-3).")
    postponed_at = serializers.DateTimeField(allow_null=True)
    can_postpone = serializers.BooleanField()
    policy = serializers.CharField(help_text="The product line's acceptance policy (ACP-5).")

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
            "can_postpone": bool(policy and policy.postponement_days) and not postponed,
            "policy": policy.name if policy else "",
        }


class TicketDetailSerializer(TicketListSerializer):
    """The whole ticket; `sla` is computed for the request (context["sla"], from `ticket_sla`)."""

    routine = NamedRefSerializer(read_only=True)
    version = NamedRefSerializer(read_only=True)
    answers = TicketAnswersSerializer(source="*", read_only=True)
    follow_up_of = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text="The closed ticket this one follows up (TKT-9).",
    )
    sla = serializers.SerializerMethodField()
    acceptance = serializers.SerializerMethodField()
    follow_ups = serializers.SlugRelatedField(
        slug_field="number",
        many=True,
        read_only=True,
        help_text="Follow-ups opened from this ticket (TKT-9).",
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


# --- Tickets: input ---------------------------------------------------------------------------------------


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
        elif (pk := _as_id(data)) is not None:
            company = visible.filter(pk=pk).first()
        if company is None:
            self.fail("not_found")
        return company

    def to_representation(self, value):
        return value.pk


class TicketCreateSerializer(serializers.Serializer):
    """TKT-2: what opening a ticket asks for; the four answers give the severity (SEV-1)."""

    company = CompanyField(
        required=False, help_text="Required for partner consultants; a contact's company is implied."
    )
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    routine = serializers.PrimaryKeyRelatedField(queryset=Routine.objects.all())
    version = serializers.PrimaryKeyRelatedField(queryset=ProductVersion.objects.all())
    environment = serializers.ChoiceField(choices=Ticket.Environment.choices)
    environment_details = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Ticket.Kind.choices, default=Ticket.Kind.TECHNICAL)
    modality = serializers.ChoiceField(choices=Ticket.Modality.choices, default=Ticket.Modality.STANDARD)
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20_000)
    error_message = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    particularities = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
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


class TicketTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    reason = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class TicketReclassifySerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    reason = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class TicketTransferSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    reason = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


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
        pk = _as_id(data)
        user = User.objects.filter(pk=pk).first() if pk is not None else None
        if user is None:
            self.fail("not_found")
        return user

    def to_representation(self, value):
        return value.pk


class TicketAssignSerializer(serializers.Serializer):
    assignee = AssigneeField(allow_null=True)


# --- Messages and attachments -----------------------------------------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    message = serializers.IntegerField(source="message_id", read_only=True, allow_null=True)
    internal = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "size", "content_type", "created_at", "message", "internal", "download_url"]
        read_only_fields = fields

    def get_internal(self, attachment: Attachment) -> bool:
        """True for the files of an internal note (analysts only ever see these)."""
        return bool(attachment.message_id and attachment.message.is_internal)

    def get_download_url(self, attachment: Attachment) -> str:
        path = reverse("api-attachment-download", kwargs={"pk": attachment.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class MessageSerializer(serializers.ModelSerializer):
    author = UserRefSerializer(read_only=True)
    from_staff = serializers.BooleanField(read_only=True)
    internal = serializers.BooleanField(source="is_internal", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Message
        fields = ["id", "author", "from_staff", "body", "internal", "created_at", "attachments"]
        read_only_fields = fields


class MessagePostedSerializer(MessageSerializer):
    """The new message and where it went: a client reply may move the ticket (TKT-7), and a
    client reply to a closed ticket opens a follow-up with those words instead (TKT-9)."""

    id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null when it opened a follow-up."
    )
    attachments = serializers.SerializerMethodField()
    ticket = serializers.CharField(
        source="ticket.number", read_only=True, help_text="The ticket it was posted on."
    )
    ticket_status = serializers.CharField(source="ticket.status", read_only=True)
    follow_up = serializers.SerializerMethodField()

    class Meta(MessageSerializer.Meta):
        fields = [*MessageSerializer.Meta.fields, "ticket", "ticket_status", "follow_up"]
        read_only_fields = fields

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, message: Message) -> list:
        if message.pk is None:
            return []  # the files went with the words to the follow-up's opening
        return AttachmentSerializer(message.attachments.all(), many=True, context=self.context).data

    def get_follow_up(self, message: Message) -> bool:
        """True when the ticket was closed: the reply opened the follow-up `ticket` (TKT-9)."""
        return message.pk is None


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)
    internal = serializers.BooleanField(default=False, help_text="An internal note (analysts only).")


class MessageCreateUploadSerializer(MessageCreateSerializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=10
    )


class AttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), min_length=1, max_length=10
    )
    body = serializers.CharField(
        max_length=20_000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Text of the message the files are attached to; by default, the list of file names.",
    )
    internal = serializers.BooleanField(
        default=False, help_text="Attach to an internal note (analysts only)."
    )


# --- Catalogue, companies, teams --------------------------------------------------------------------------


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
