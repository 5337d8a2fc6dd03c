"""Modalities, rates, the yearly IGPM adjustment and taxes (CON-1, CON-7) in the back-office.

Modalities are the billing rules as data: every staff member reads them, nobody edits them here.
Rates and taxes are effective-dated: leaders add a new one (with its history, `core.history`),
existing ones never change (terms keep the rate they were accepted with) and nothing is deleted.
The IGPM page calls `igpm_adjust`, which creates every modality's new rate from a date.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.admin import (
    DomainErrorAdminMixin,
    ReadOnlyAdminMixin,
    SettingsHistoryAdminMixin,
)
from core.errors import DomainError
from core.forms import add_domain_error
from core.money import brl
from core.periods import format_local, local_today

from .. import services
from ..models import Modality, Rate, RateAdjustment, TaxRate
from ..selectors import rate_on, tax_on
from .base import ConsultoriaModelAdmin
from .display import percent, person
from .forms import IgpmForm

ROW = "<tr><td>{}</td><td class='cs-num'>{}</td><td class='cs-num'>{}</td></tr>"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


class NeverDeletedMixin:
    """Rates, taxes and adjustments are referred to by accepted terms and statements: never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class EffectiveDatedAdmin(
    NeverDeletedMixin, SettingsHistoryAdminMixin, DomainErrorAdminMixin, ConsultoriaModelAdmin
):
    """A setting from a date: leaders add one (in the settings history); an existing one never changes
    (leaders hold no "change" right on it) and is never deleted."""

    settings_history = True
    # Amounts and percentages as people type them here: 4,75 (a decimal comma; 4.75 works too).
    formfield_overrides = {models.DecimalField: {"localize": True}}


@admin.register(Modality)
class ModalityAdmin(ReadOnlyAdminMixin, ConsultoriaModelAdmin):
    """The billing rules as data (CON-1): read by every staff member, edited by nobody here."""

    list_display = (
        "name",
        "how_it_starts",
        "billing",
        "minimum",
        "waived_if",
        "starts",
        "payer",
        "rate_today",
    )
    list_display_links = ("name",)
    fields = (
        "name",
        "how_it_starts",
        "billing",
        "minimum",
        "waived_if",
        "starts",
        "payer",
        "rates_table",
    )
    readonly_fields = fields
    changelist_title = _("Modalidades de consultoria e suas regras de cobrança")
    wide_list = True

    @admin.display(description=_("mínimo por sessão"), ordering="minimum_minutes")
    def minimum(self, obj):
        return _("%(n)d minutos") % {"n": obj.minimum_minutes} if obj.minimum_minutes else _("sem mínimo")

    @admin.display(description=_("abonada se houver"))
    def waived_if(self, obj):
        defects = [
            str(label)
            for label, flag in (
                (_("defeito de produto"), obj.waived_on_product_defect),
                (_("defeito de documentação"), obj.waived_on_documentation_defect),
            )
            if flag
        ]
        return str(_(" ou ")).join(defects) if defects else _("nunca: todo minuto é cobrado")

    @admin.display(description=_("como é pedida"))
    def starts(self, obj):
        if obj.chosen_at_opening:
            return _("pelo cliente, ao abrir o chamado; sem aprovação")
        return _("pelo analista, com aprovação de um líder") if obj.needs_approval else _("pelo analista")

    @admin.display(description=_("quem paga"))
    def payer(self, obj):
        if obj.billed_to_unit:
            return _("a unidade parceira")
        return _("a empresa cliente (a unidade, se um consultor parceiro pediu)")

    @admin.display(description=_("tarifa de hoje"))
    def rate_today(self, obj):
        rate = rate_on(obj, local_today())
        return format_html("{}/min", brl(rate.price_per_minute)) if rate else "—"

    @admin.display(description=_("tarifas"))
    def rates_table(self, obj):
        rows = (
            (_day(rate.valid_from), brl(rate.price_per_minute)) for rate in obj.rates.order_by("-valid_from")
        )
        return format_html_join(mark_safe("<br>"), str(_("{}/min a partir de {}")), ((p, d) for d, p in rows))


@admin.register(Rate)
class RateAdmin(EffectiveDatedAdmin):
    """Leaders add a rate from a date; the yearly adjustment adds them all (RateAdjustmentAdmin)."""

    list_display = ("modality", "price", "from_day", "origin", "in_force")
    changelist_title = _("Tarifas por minuto")
    list_filter = ("modality",)
    date_hierarchy = "valid_from"
    list_select_related = ("modality", "adjustment")
    ordering = ("modality", "-valid_from")

    def get_fields(self, request, obj=None):
        return ("modality", "price_per_minute", "valid_from", *(("adjustment",) if obj else ()))

    @admin.display(description=_("preço por minuto"), ordering="price_per_minute")
    def price(self, obj):
        return brl(obj.price_per_minute)

    @admin.display(description=_("a partir de"), ordering="valid_from")
    def from_day(self, obj):
        return _day(obj.valid_from)

    @admin.display(description=_("origem"))
    def origin(self, obj):
        if obj.adjustment is None:
            return _("tarifa informada")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:consultoria_rateadjustment_change", args=[obj.adjustment_id]),
            _("reajuste IGPM de %(percentage)s") % {"percentage": percent(obj.adjustment.percentage)},
        )

    @admin.display(description=_("em vigor hoje"))
    def in_force(self, obj):
        current = rate_on(obj.modality, local_today())
        return _("em vigor") if current is not None and current.pk == obj.pk else ""

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_adjust": request.user.has_perm("consultoria.add_rateadjustment"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


@admin.register(RateAdjustment)
class RateAdjustmentAdmin(NeverDeletedMixin, ConsultoriaModelAdmin):
    """The yearly IGPM adjustments; "add" is the page that records one through `igpm_adjust`."""

    list_display = ("from_day", "igpm", "note", "recorded", "rates_count")
    changelist_title = _("Reajustes anuais (IGPM)")
    settings_history = True
    list_select_related = ("recorded_by",)
    fields = ("from_day", "igpm", "note", "recorded", "rates_table")
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        return False  # recorded once; a wrong adjustment is followed by another

    def change_view(self, request, object_id, form_url="", extra_context=None):
        adjustment = self.get_object(request, object_id)
        if adjustment is not None:
            subtitle = _("IGPM de %(percentage)s a partir de %(day)s") % {
                "percentage": percent(adjustment.percentage),
                "day": _day(adjustment.valid_from),
            }
            extra_context = {"subtitle": subtitle, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("a partir de"), ordering="valid_from")
    def from_day(self, obj):
        return _day(obj.valid_from)

    @admin.display(description=_("IGPM"), ordering="percentage")
    def igpm(self, obj):
        return percent(obj.percentage)

    @admin.display(description=_("registrado por"), ordering="recorded_at")
    def recorded(self, obj):
        return format_html(
            '{}<div class="quiet">{}</div>', person(obj.recorded_by), format_local(obj.recorded_at)
        )

    @admin.display(description=_("tarifas criadas"))
    def rates_count(self, obj):
        return obj.rates.count()

    @admin.display(description=_("tarifas criadas"))
    def rates_table(self, obj):
        day_before = obj.valid_from - timedelta(days=1)
        rows = []
        for rate in obj.rates.select_related("modality").order_by("modality"):
            previous = rate_on(rate.modality, day_before)
            rows.append(
                (
                    rate.modality.name,
                    brl(previous.price_per_minute) if previous else "—",
                    brl(rate.price_per_minute),
                )
            )
        return format_html(
            "<table class='cs-table cs-narrow'><thead><tr><th>{}</th><th class='cs-num'>{}</th>"
            "<th class='cs-num'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("modalidade"),
            _("antes (por minuto)"),
            _("a partir de %(day)s") % {"day": _day(obj.valid_from)},
            format_html_join("", ROW, rows),
        )

    def add_view(self, request, form_url="", extra_context=None):
        """Record the yearly IGPM adjustment (leaders): every modality's new rate from a date."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IgpmForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                adjustment = services.igpm_adjust(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                self.log_addition(request, adjustment, str(_("Reajuste anual registrado.")))
                self.message_user(
                    request,
                    _("Reajuste de %(percentage)s registrado: %(count)d tarifas novas a partir de %(day)s.")
                    % {
                        "percentage": percent(adjustment.percentage),
                        "count": adjustment.rates.count(),
                        "day": _day(adjustment.valid_from),
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:consultoria_rateadjustment_change", args=[adjustment.pk])
                )
        today = local_today()
        current = [(modality, rate_on(modality, today)) for modality in Modality.objects.order_by("pk")]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Registrar reajuste anual (IGPM)"),
            "subtitle": None,
            "form": form,
            "adminform": helpers.AdminForm(
                form, [(None, {"fields": ["percentage", "valid_from", "note"]})], {}
            ),
            "current": [
                (modality.name, brl(rate.price_per_minute) if rate else "—") for modality, rate in current
            ],
            "today": _day(today),
            "has_view_permission": self.has_view_permission(request),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/consultoria/rateadjustment/igpm.html", context)


@admin.register(TaxRate)
class TaxRateAdmin(EffectiveDatedAdmin):
    """The taxes on every billed line, from a date; a change is a new percentage from a new date."""

    list_display = ("from_day", "taxes", "in_force")
    changelist_title = _("Impostos sobre as sessões cobradas")
    fields = ("percentage", "valid_from")

    @admin.display(description=_("a partir de"), ordering="valid_from")
    def from_day(self, obj):
        return _day(obj.valid_from)

    @admin.display(description=_("impostos"), ordering="percentage")
    def taxes(self, obj):
        return percent(obj.percentage)

    @admin.display(description=_("em vigor hoje"))
    def in_force(self, obj):
        current = tax_on(local_today())
        return _("em vigor") if current is not None and current.pk == obj.pk else ""
