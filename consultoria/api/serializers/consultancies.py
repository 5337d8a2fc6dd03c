"""A consultancy in the API: the list row, and the detail with its term, sessions, entries (with each
leader's correction) and each session's line.

The detail reads what the view decided for the user in its context (`consultancy_context`): the
session lines (`selectors.consultancy_session_lines`), whether the user may answer the term and
whether anyone may, and whether the user may read the address the term was accepted from (staff
and whoever accepted it)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Consultancy, Term
from .common import (
    CompanyRefSerializer,
    LineSerializer,
    ModalityRefSerializer,
    ModalitySerializer,
    TicketRefSerializer,
    UnitRefSerializer,
    UserRefSerializer,
    api_url,
    money,
    percentage,
)


class PayerSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(source="payer", choices=Consultancy.Payer.choices, read_only=True)
    kind_display = serializers.CharField(source="get_payer_display", read_only=True)
    unit = UnitRefSerializer(
        source="payer_unit",
        read_only=True,
        allow_null=True,
        help_text="The partner unit that pays: the partner consultant's who asked, or on-site work's.",
    )


class ConsultancyListSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    ticket = TicketRefSerializer(read_only=True)
    company = CompanyRefSerializer(source="ticket.company", read_only=True)
    modality = ModalityRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Consultancy.Status.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    situation = serializers.CharField(
        read_only=True, help_text="The recommended situation chosen by the analyst (empty for telephone)."
    )
    situation_display = serializers.CharField(source="get_situation_display", read_only=True)
    payer = PayerSerializer(source="*", read_only=True)
    requested_at = serializers.DateTimeField(read_only=True)
    finished_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_url(self, consultancy: Consultancy) -> str:
        return api_url(self, "api-consultancy-detail", pk=consultancy.pk)


class TemplateSerializer(serializers.Serializer):
    variant = serializers.CharField(read_only=True)
    variant_display = serializers.CharField(source="get_variant_display", read_only=True)
    version = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class TermSerializer(serializers.Serializer):
    """The term as sent, and its answer: its exact text, template variant and version, price, minimum
    and taxes are frozen when it is sent; who accepted or declined it, when and why are kept."""

    text = serializers.CharField(read_only=True, help_text="The exact text sent (and accepted).")
    template = TemplateSerializer(read_only=True)
    price_per_minute = money()
    minimum_minutes = serializers.IntegerField(read_only=True, help_text="Per session; 0: no minimum.")
    tax_percentage = percentage(help_text="Taxes added to every billed line.")
    offered_at = serializers.DateTimeField(read_only=True)
    accepted_by = UserRefSerializer(read_only=True, allow_null=True)
    accepted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    accepted_from = serializers.SerializerMethodField(
        help_text="The address it was accepted from: shown to staff and to whoever accepted it, else null."
    )
    declined_by = UserRefSerializer(read_only=True, allow_null=True)
    declined_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decline_reason = serializers.CharField(read_only=True)
    may_answer = serializers.SerializerMethodField(help_text="The user may accept or decline the term now.")
    acceptors_exist = serializers.SerializerMethodField(
        help_text=(
            "Someone may accept the term. When false, the company's administrator grants the "
            "consultancy permission to a contact first."
        )
    )

    def get_accepted_from(self, term: Term) -> str | None:
        return term.accepted_from if self.context["shows_address"] else None

    def get_may_answer(self, term: Term) -> bool:
        return bool(self.context["may_answer"])

    def get_acceptors_exist(self, term: Term) -> bool:
        return bool(self.context["acceptors_exist"])


class ValuesSerializer(serializers.Serializer):
    started_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True)
    minutes = serializers.IntegerField(read_only=True)
    description = serializers.CharField(read_only=True)


class OldValuesSerializer(ValuesSerializer):
    started_at = serializers.DateTimeField(source="old_started_at", read_only=True)
    ended_at = serializers.DateTimeField(source="old_ended_at", read_only=True)
    minutes = serializers.IntegerField(source="old_minutes", read_only=True)
    description = serializers.CharField(source="old_description", read_only=True)


class NewValuesSerializer(ValuesSerializer):
    started_at = serializers.DateTimeField(source="new_started_at", read_only=True)
    ended_at = serializers.DateTimeField(source="new_ended_at", read_only=True)
    minutes = serializers.IntegerField(source="new_minutes", read_only=True)
    description = serializers.CharField(source="new_description", read_only=True)


class CorrectionSerializer(serializers.Serializer):
    """A leader's correction of an entry: the values before and after, who, when and why."""

    id = serializers.IntegerField(read_only=True)
    corrected_by = UserRefSerializer(read_only=True)
    corrected_at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(read_only=True)
    old = OldValuesSerializer(source="*", read_only=True)
    new = NewValuesSerializer(source="*", read_only=True)


class EntrySerializer(serializers.Serializer):
    """What an analyst did, from when to when; minutes are whole minutes (end − start, rounded up)."""

    id = serializers.IntegerField(read_only=True)
    analyst = UserRefSerializer(read_only=True)
    started_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True)
    minutes = serializers.IntegerField(read_only=True)
    description = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True, help_text="Oldest first.")


class SessionSerializer(serializers.Serializer):
    """A session at the date agreed with the client, with its time entries and its line."""

    # Serializes a consultoria.selectors.StatementLine of the consultancy's own sessions.

    id = serializers.IntegerField(source="session.pk", read_only=True)
    scheduled_for = serializers.DateTimeField(source="session.scheduled_for", read_only=True)
    note = serializers.CharField(source="session.note", read_only=True)
    created_by = UserRefSerializer(source="session.created_by", read_only=True)
    created_at = serializers.DateTimeField(source="session.created_at", read_only=True)
    entries = EntrySerializer(source="session.entries.all", many=True, read_only=True)
    line = LineSerializer(source="*", read_only=True)


class ConsultancyDetailSerializer(ConsultancyListSerializer):
    modality = ModalitySerializer(read_only=True)  # the whole billing rule
    note = serializers.SerializerMethodField(
        help_text="The analyst's justification for the leader: staff only, null for clients."
    )
    requested_by = UserRefSerializer(read_only=True)
    decided_by = UserRefSerializer(read_only=True, allow_null=True, help_text="The leader who decided.")
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decision_reason = serializers.CharField(read_only=True, help_text="Why a leader refused it.")
    finding = serializers.CharField(
        read_only=True, help_text="What the finished consultancy found (empty until then)."
    )
    finding_display = serializers.CharField(source="get_finding_display", read_only=True)
    term = serializers.SerializerMethodField(help_text="Null until a leader approves.")
    sessions = serializers.SerializerMethodField()

    def get_note(self, consultancy: Consultancy) -> str | None:
        return consultancy.request_note if self.context["staff"] else None

    @extend_schema_field(TermSerializer(allow_null=True))
    def get_term(self, consultancy: Consultancy) -> dict[str, Any] | None:
        term = getattr(consultancy, "term", None)
        return None if term is None else TermSerializer(term, context=self.context).data

    @extend_schema_field(SessionSerializer(many=True))
    def get_sessions(self, consultancy: Consultancy) -> list[Any]:
        # many=True: a ReturnList (the stubs type every serializer's .data as a ReturnDict)
        return SessionSerializer(  # type: ignore[return-value]
            self.context["lines"], many=True, context=self.context
        ).data
