"""Input of the consultancy API: types and ranges only. The rules (who may, which status, a reason
that is not blank, entries that never overlap, the consultancy calendar) are the services'."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.periods import EARLIEST, LATEST
from tickets.models import TEXT_MAX

from ...models import Consultancy, Modality

# Instants and days outside these years are typing mistakes, not consultancy dates.
FIRST_YEAR, LAST_YEAR = EARLIEST.year, LATEST.year  # the portal's calendar (core.periods)
REASON_MAX = TEXT_MAX
OUT_OF_RANGE = _("Informe uma data entre 2000 e 2100.")


class InstantField(serializers.DateTimeField):
    """An instant with its offset (a naive one is read as Brasília time), between 2000 and 2100."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_internal_value(self, value: Any) -> datetime:
        instant = super().to_internal_value(value)
        if not FIRST_YEAR <= instant.year <= LAST_YEAR:
            self.fail("out_of_range")
        return instant


class DayField(serializers.DateField):
    """A day between 2000 and 2100."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.fail("out_of_range")
        return day


def reason_field(help_text: str) -> serializers.CharField:
    """A reason the service requires: a blank one is refused with the service's message."""
    return serializers.CharField(max_length=REASON_MAX, allow_blank=True, help_text=help_text)


class ConsultancyAskSerializer(serializers.Serializer):
    modality = serializers.ChoiceField(
        choices=Modality.Code.choices,
        help_text="The modality's code. Telephone consultancy is the client's choice when opening.",
    )
    situation = serializers.ChoiceField(
        choices=Consultancy.Situation.choices, help_text="The recommended situation that applies."
    )
    note = serializers.CharField(
        max_length=REASON_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="The analyst's justification for the leader (never shown to the client).",
    )

    def validate_modality(self, code: str) -> Modality:
        modality = Modality.objects.filter(code=code).first()
        if modality is None:
            raise serializers.ValidationError(_("Modalidade não configurada."), code="not_configured")
        return modality


class RefuseSerializer(serializers.Serializer):
    reason = reason_field("Why the leader refuses (mandatory); the ticket stays in standard support.")


class DeclineSerializer(serializers.Serializer):
    reason = reason_field("Why the term is declined (mandatory); the ticket returns to standard support.")


class SessionScheduleSerializer(serializers.Serializer):
    scheduled_for = InstantField(
        help_text="The date agreed with the client, inside the consultancy calendar's working hours."
    )
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class FinishSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(
        choices=Consultancy.Finding.choices,
        help_text="What the consultancy found: a defect waives what the modality's rule waives.",
    )


class EntryRecordSerializer(serializers.Serializer):
    started_at = InstantField()
    ended_at = InstantField(help_text="After `started_at`; minutes are end − start, rounded up.")
    description = serializers.CharField(
        max_length=REASON_MAX, allow_blank=True, help_text="What was done (mandatory)."
    )


class EntryCorrectSerializer(EntryRecordSerializer):
    """The entry's new values and why; the old ones are kept in its corrections."""

    reason = reason_field("Why the entry is corrected (mandatory).")


class IgpmAdjustSerializer(serializers.Serializer):
    percentage = serializers.DecimalField(
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("-50"),
        help_text=(
            "The year's IGPM in percent (4.25 is 4.25 %), below 100 and at least -50 so that every "
            "adjusted rate stays at least one centavo."
        ),
    )
    valid_from = DayField(help_text="First day of the new rates; no rate may start that day yet.")
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


# --- Query parameters -------------------------------------------------------------------------------------


class ConsultancyFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Consultancy.Status.choices, required=False)
    ticket = serializers.RegexField(
        r"^[0-9]{8}$", required=False, help_text="Only the consultancies of this ticket (8-digit number)."
    )
