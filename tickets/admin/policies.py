"""Acceptance policies per product line (ACP-5): leaders configure the window, the reminder, the
postponement and the retail survey variant; every edit is kept in the settings history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import SettingsHistoryAdminMixin

from ..models import AcceptancePolicy


@admin.register(AcceptancePolicy)
class AcceptancePolicyAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "product_line",
        "window",
        "reminder_before",
        "postponement_days",
        "survey_on_validation",
        "is_default",
    )
    fields = (
        "name",
        "product_line",
        ("window_length", "window_unit"),
        "reminder_before",
        "postponement_days",
        "survey_on_validation",
    )

    @admin.display(description=_("prazo para validar"))
    def window(self, obj):
        return f"{obj.window_length} {obj.get_window_unit_display()}"

    def has_delete_permission(self, request, obj=None):
        # The default policy is what every line without its own falls back to.
        return super().has_delete_permission(request, obj) and not (obj and obj.is_default)

    def get_readonly_fields(self, request, obj=None):
        return ("product_line",) if obj and obj.is_default else ()
