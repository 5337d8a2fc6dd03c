"""Back-office of public holidays (CAL-2): analysts look, leaders register the dates the package
lacks and import a year of the `holidays` package (`sla.services.holidays_import_year`)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    DomainErrorAdminMixin,
    SelectedRowsAdminMixin,
    SettingsHistoryAdminMixin,
)
from core.errors import DomainError
from core.forms import add_domain_error
from core.periods import local_today

from ..forms import HolidayImportForm
from ..models import Holiday
from ..services import holidays_import_year


@admin.register(Holiday)
class HolidayAdmin(
    SelectedRowsAdminMixin,
    SettingsHistoryAdminMixin,
    DomainErrorAdminMixin,
    admin.ModelAdmin,
):
    """Holidays registered, changed or removed here are in the settings history; a year imported
    from the package only adds its rows (`holidays_import_year`)."""

    list_display = ("day", "weekday", "name", "scope", "state", "municipality", "company", "source")
    list_display_links = ("day", "name")
    list_filter = ("scope", "state", "source")
    date_hierarchy = "date"
    search_fields = ("name", "municipality")
    list_select_related = ("company",)
    autocomplete_fields = ("company",)
    fields = ("date", "name", "scope", "state", "municipality", "company", "source")
    readonly_fields = ("source",)
    actions = ["reimport_years"]
    list_per_page = 100
    change_list_template = "admin/sla/holiday/change_list.html"

    @admin.display(description=_("data"), ordering="date")
    def day(self, obj):
        return obj.date.strftime("%d/%m/%Y")

    @admin.display(description=_("dia da semana"))
    def weekday(self, obj):
        return formats.date_format(obj.date, "l")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_add_permission(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Import a year from the `holidays` package: leaders only (it adds rows)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = HolidayImportForm(request.POST or None, initial={"year": local_today().year + 1})
        if request.method == "POST" and form.is_valid():
            year = form.cleaned_data["year"]
            try:
                created = holidays_import_year(year=year)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                self.message_user(request, self._import_message(year, created), messages.SUCCESS)
                changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                return HttpResponseRedirect(f"{changelist}?{urlencode({'date__year': year})}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Importar ano do pacote holidays"),
            "subtitle": None,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": ["year"]})], {}),
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/sla/holiday/import.html", context)

    @staticmethod
    def _import_message(year: int, created: int) -> str:
        if created == 0:
            return _("Nenhum feriado novo em %(year)d: o ano já estava importado.") % {"year": year}
        return ngettext(
            "%(count)d feriado importado de %(year)d.", "%(count)d feriados importados de %(year)d.", created
        ) % {"count": created, "year": year}

    @admin.action(description=_("Reimportar do pacote os anos selecionados"), permissions=["add"])
    def reimport_years(self, request, queryset):
        years = sorted(set(queryset.values_list("date__year", flat=True)))
        for year in years:
            try:
                created = holidays_import_year(year=year)
            except DomainError as error:
                self.message_user(request, f"{year}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, self._import_message(year, created), messages.SUCCESS)
