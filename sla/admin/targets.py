"""Back-office of severity targets (SEV-1) and Prime contracts with their own targets (SLA-8):
analysts look, leaders edit."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from core.admin import DomainErrorAdminMixin, SettingsHistoryAdminMixin
from core.periods import local_today

from ..models import SEVERITY_ORDER, PrimeContract, PrimeTarget, SeverityTarget


def _severity_rank(prefix: str = ""):
    return Case(
        *(When(**{f"{prefix}severity": value}, then=Value(rank)) for value, rank in SEVERITY_ORDER.items()),
        output_field=IntegerField(),
    )


@admin.register(SeverityTarget)
class SeverityTargetAdmin(SettingsHistoryAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
    """The changelist's inline edits go through `save_model` too, so they are in the settings history."""

    list_display = ("severity", "response_hours", "maintenance_days")
    list_editable = ("response_hours", "maintenance_days")
    list_display_links = ("severity",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rank=_severity_rank()).order_by("_rank")


class PrimeTargetInline(admin.TabularInline):
    model = PrimeTarget
    fields = ("severity", "response_hours", "maintenance_days")
    extra = 0
    max_num = len(SEVERITY_ORDER)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_rank=_severity_rank()).order_by("_rank")


class PrimeContractForm(forms.ModelForm):
    class Meta:
        model = PrimeContract
        fields = ("company", "calendar", "starts_on", "ends_on", "notes")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("O fim da vigência deve ser igual ou posterior ao início."))
        return data


@admin.register(PrimeContract)
class PrimeContractAdmin(SettingsHistoryAdminMixin, DomainErrorAdminMixin, admin.ModelAdmin):
    """A contract and its targets per severity; each target row is recorded with the contract as scope."""

    form = PrimeContractForm
    list_display = ("company", "calendar", "starts_on", "ends_on", "in_force")
    list_filter = ("calendar",)
    search_fields = ("company__trade_name", "company__legal_name", "company__cnpj")
    list_select_related = ("company", "calendar")
    autocomplete_fields = ("company",)
    inlines = [PrimeTargetInline]

    @admin.display(description=_("em vigor"), boolean=True)
    def in_force(self, obj):
        return obj.is_in_force(local_today())
