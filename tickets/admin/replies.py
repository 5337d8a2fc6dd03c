"""Canned replies in the back-office: leaders write them per team (with the fixed placeholders,
checked on save); analysts read their own teams' replies and use them on the work page and in the
queue's bulk answer. Another team's reply is not found (404), like a missing one."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import SettingsHistoryAdminMixin

from ..models import CannedReply


@admin.register(CannedReply)
class CannedReplyAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "team", "body_start", "is_active", "updated_at")
    list_display_links = ("title",)
    list_filter = ("team", "is_active")
    search_fields = ("title", "body")
    fields = ("team", "title", "body", "is_active")
    list_select_related = ("team",)

    def get_queryset(self, request):
        return access.canned_replies_visible_to(request.user)

    @admin.display(description=_("texto"))
    def body_start(self, obj: CannedReply) -> str:
        return Truncator(obj.body).chars(90)

    def _visible_or_404(self, request, object_id) -> None:
        if object_id is not None and self.get_object(request, object_id) is None:
            raise Http404(_("Resposta pronta não encontrada."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._visible_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)
