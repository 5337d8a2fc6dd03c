"""Back-office of the product lines companies contract: leaders add and change them, and every save
is recorded in the settings history (core.history)."""

from django.contrib import admin

from core.admin import DomainErrorAdminMixin, SettingsHistoryAdminMixin

from ..models import ProductLine


@admin.register(ProductLine)
class ProductLineAdmin(DomainErrorAdminMixin, SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
