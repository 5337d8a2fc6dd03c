"""What the news back-office pages share: who may open them (accounts.access, the staff's roles),
saves and removals through the services, a service's refusal shown as a message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse

from accounts import access
from core.admin import DomainErrorAdminMixin

from .. import services


class NewsModelAdmin(DomainErrorAdminMixin, admin.ModelAdmin):
    """Staff (analysts and leaders) look, add and change; leaders remove (access.may_*_news)."""

    show_facets = admin.ShowFacets.NEVER

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Lists with many columns: the whole width (the app menu stays one click away).
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.may_edit_news(request.user)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return access.may_edit_news(request.user)

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return access.may_edit_news(request.user)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return access.may_edit_news(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return access.may_delete_news(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm[Any], change: bool) -> None:
        self.service_save(request, obj)

    def service_save(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.content_delete(actor=request.user, instance=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            services.content_delete(actor=request.user, instance=obj)  # type: ignore[arg-type]
