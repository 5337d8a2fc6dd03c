"""The versions' lifecycle and tira-dúvidas events in the back-office; an event's page lists who
registered interest (read-only) and the list shows how many."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.periods import format_local, local_today
from tickets.models import ProductVersion

from .. import selectors, services
from ..models import Event, ProductLifecycle
from .base import NewsModelAdmin


def _where(person: Any) -> str:
    """The company (contact) or partner unit (consultant) a person acts for."""
    contact = getattr(person, "contact", None)
    if contact is not None:
        return str(contact.company)
    consultant = getattr(person, "partner_consultant", None)
    return str(consultant.unit) if consultant is not None else "—"


@admin.register(ProductLifecycle)
class ProductLifecycleAdmin(NewsModelAdmin):
    list_display = ["version", "released_on", "supported_until", "status_display", "notes"]
    list_filter = ["version__product"]
    list_select_related = ["version__product"]
    search_fields = ["version__name", "version__product__name"]
    fields = ["version", "released_on", "supported_until", "notes"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "version" and field is not None:
            field.queryset = ProductVersion.objects.select_related("product")
        return field

    @admin.display(description=_("situação"))
    def status_display(self, obj: ProductLifecycle) -> str:
        return str(obj.status_on(local_today()).label)

    def service_save(self, request: HttpRequest, obj: ProductLifecycle) -> None:
        services.lifecycle_save(actor=request.user, row=obj)  # type: ignore[arg-type]


@admin.register(Event)
class EventAdmin(NewsModelAdmin):
    list_display = ["title", "product", "starts_display", "duration_minutes", "interest_count"]
    list_filter = ["product"]
    list_select_related = ["product"]
    search_fields = ["title"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["interested_people", "created_by"]
    fields = [
        "title",
        "product",
        "starts_at",
        "duration_minutes",
        "online_url",
        "description",
        "created_by",
        "interested_people",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).annotate(interests_total=Count("interests"))

    @admin.display(description=_("início (Brasília)"), ordering="starts_at")
    def starts_display(self, obj: Event) -> str:
        return format_local(obj.starts_at)

    @admin.display(description=_("interessados"), ordering="interests_total")
    def interest_count(self, obj: Event) -> int:
        return int(getattr(obj, "interests_total", 0))

    @admin.display(description=_("quem tem interesse"))
    def interested_people(self, obj: Event) -> str:
        if obj.pk is None:
            return "—"
        people = selectors.event_interested_users(obj)
        if not people:
            return str(_("Ninguém registrou interesse ainda."))
        return format_html_join(
            "", "<div>{} &lt;{}&gt; · {}</div>", ((p.full_name or "—", p.email, _where(p)) for p in people)
        )

    def service_save(self, request: HttpRequest, obj: Event) -> None:
        services.event_save(actor=request.user, event=obj)  # type: ignore[arg-type]
