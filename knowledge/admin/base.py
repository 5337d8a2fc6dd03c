"""Who works the knowledge base's back-office: every staff member (analysts and leaders) writes
articles; leaders alone remove one and read the tickets not opened. Decided here from the role,
like accounts.backends does for the other apps."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from accounts import access


class StaffAdmin(admin.ModelAdmin):
    leaders_only = False
    staff_writes = True

    def _allowed(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return access.is_leader(user) if self.leaders_only else access.is_staff(user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_staff(request.user)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.staff_writes and self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self.staff_writes and self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self.staff_writes and access.is_leader(request.user)
