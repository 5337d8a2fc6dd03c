from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin

from .models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only view of the e-mail outbox: what was sent, what waits, what failed (OPS-2)."""

    list_display = ("subject", "recipients", "template", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("subject", "to")
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    date_hierarchy = "created_at"

    @admin.display(description=_("destinatários"))
    def recipients(self, obj):
        return ", ".join(obj.to)
