"""The audit trail in the back-office: leaders read and filter it; nobody adds, edits or deletes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from accounts import access
from core.admin import ReadOnlyAdminMixin

from .models import AuditEntry

if TYPE_CHECKING:
    _AuditModelAdmin = admin.ModelAdmin[AuditEntry]
else:
    _AuditModelAdmin = admin.ModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, _AuditModelAdmin):
    list_display = (
        "at",
        "kind",
        "actor_label",
        "ticket_number",
        "company",
        "field",
        "old_value",
        "new_value",
        "detail",
        "ip",
    )
    list_filter = (
        "kind",
        ("at", admin.DateFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("company", admin.RelatedOnlyFieldListFilter),
    )
    # The actor's e-mail (or the address a failed login tried), the ticket's number, a file name.
    search_fields = ("actor_label", "=ticket__number", "detail")
    date_hierarchy = "at"
    list_select_related = ("ticket", "company")
    list_per_page = 100
    show_full_result_count = False  # a long trail: no COUNT(*) of the whole table on every page

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_leader(request.user)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return access.is_leader(request.user)

    @admin.display(description=AuditEntry._meta.get_field("ticket").verbose_name, ordering="ticket__number")
    def ticket_number(self, obj: AuditEntry) -> str:
        return obj.ticket.number if obj.ticket_id and obj.ticket else ""
