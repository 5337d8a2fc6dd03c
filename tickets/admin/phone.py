"""The phone desk's entry in the back-office menu (CHN-2): a `PhoneDesk` proxy whose only page
sends the analyst to the desk itself (tickets/web/phone.py, which shares the portal's opening
form). No rows are listed, added, changed or deleted here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from accounts import access

from ..models import PhoneDesk


@admin.register(PhoneDesk)
class PhoneDeskAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return access.is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_staff(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [path("", self.admin_site.admin_view(self.desk_view), name="{}_{}_changelist".format(*info))]

    def desk_view(self, request):
        return HttpResponseRedirect(reverse("phone-desk"))
