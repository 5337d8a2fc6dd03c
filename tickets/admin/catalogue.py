"""Back-office catalogue: teams, products, routines and versions (TKT-2, TKT-5); every edit is kept
in the settings history (core.history)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import SettingsHistoryAdminMixin

from ..models import Product, ProductVersion, Routine, Team

# --- Catalogue (TKT-2, TKT-5): analysts look, leaders add and change ---------------------------------------


@admin.register(Team)
class TeamAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "member_count", "description")
    search_fields = ("name", "slug")
    filter_horizontal = ("members",)
    fields = ("name", "slug", "description", "members")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("name",)}

    @admin.display(description=_("analistas"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


class RoutineInline(admin.TabularInline):
    model = Routine
    fields = ("name", "team", "is_active")
    extra = 0
    show_change_link = True


class ProductVersionInline(admin.TabularInline):
    model = ProductVersion
    fields = ("name", "is_active")
    extra = 0


@admin.register(Product)
class ProductAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "line", "default_team", "is_active")
    list_filter = ("line", "default_team", "is_active")
    search_fields = ("name",)
    list_select_related = ("line", "default_team")
    fields = ("line", "name", "default_team", "is_active")
    inlines = [RoutineInline, ProductVersionInline]


@admin.register(Routine)
class RoutineAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "product", "routed_to", "is_active")
    list_filter = ("product", "team", "is_active")
    search_fields = ("name", "product__name")
    list_select_related = ("product", "team", "product__default_team")
    fields = ("product", "name", "team", "is_active")

    @admin.display(description=_("equipe que recebe"))
    def routed_to(self, obj):
        if obj.team_id:
            return obj.team.name
        return format_html(
            '{} <span class="quiet">({})</span>', obj.product.default_team.name, _("padrão do produto")
        )


@admin.register(ProductVersion)
class ProductVersionAdmin(SettingsHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "product", "is_active")
    list_filter = ("product", "is_active")
    search_fields = ("name", "product__name")
    list_select_related = ("product",)
    fields = ("product", "name", "is_active")
