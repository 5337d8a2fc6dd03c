"""Back-office: the incoming e-mails and what each did, read-only (CHN-1). Analysts read here why a
message was refused (unknown sender, forged address, refused file, …)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import ReadOnlyAdminMixin

from .models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    class Media:
        css = {"all": ("css/admin-csp.css",)}  # classes for the HTML below (no inline styles: CSP)

    list_display = ("received_at", "sender", "subject", "outcome", "reason_short", "ticket_link")
    list_filter = ("outcome", "source", "refusal_sent")
    search_fields = ("sender", "subject", "message_id", "target_number")
    date_hierarchy = "received_at"
    list_select_related = ("ticket",)
    show_facets = admin.ShowFacets.NEVER
    fields = (
        "received_at",
        "source",
        "message_id",
        "sender",
        "subject",
        "outcome",
        "reason",
        "target_number",
        "ticket",
        "author",
        "refusal_sent",
        "raw_text",
    )
    readonly_fields = fields

    @admin.display(description=_("chamado"), ordering="ticket__number")
    def ticket_link(self, obj: InboundMessage) -> str:
        if obj.ticket is None:
            return "—"
        url = reverse("admin:tickets_ticket_change", args=[obj.ticket_id])
        return format_html('<a href="{}">{}</a>', url, obj.ticket.number)

    @admin.display(description=_("motivo"))
    def reason_short(self, obj: InboundMessage) -> str:
        return obj.reason if len(obj.reason) <= 90 else obj.reason[:89] + "…"

    @admin.display(description=_("mensagem original"))
    def raw_text(self, obj: InboundMessage) -> str:
        text = bytes(obj.raw or b"")[:200_000].decode("utf-8", "replace")
        return format_html('<pre class="admin-pre-scroll">{}</pre>', text)

    # Every analyst and leader reads it (the role table of accounts/backends.py may take this over).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_staff(request.user)

    def has_view_permission(self, request: HttpRequest, obj: InboundMessage | None = None) -> bool:
        return access.is_staff(request.user)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Many columns: the whole width (the app menu stays one click away: breadcrumbs, "«").
        context = {"title": _("E-mails recebidos"), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_queryset(self, request: HttpRequest) -> QuerySet[InboundMessage]:
        return super().get_queryset(request).defer("raw")  # the list never shows the original
