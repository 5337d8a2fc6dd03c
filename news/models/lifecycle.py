"""The software lifecycle of each product version (SELF-4, "Ciclo de vida de software"): released
on, supported until, and the status that follows from today's date."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tickets.models import ProductVersion

ENDING_SOON_MONTHS = 6


class LifecycleStatus(models.TextChoices):
    SUPPORTED = "supported", _("Suportada")
    ENDING_SOON = "ending_soon", _("Suporte termina em breve")
    UNSUPPORTED = "unsupported", _("Sem suporte")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, on the month's last day when it has fewer days (31/08 + 6 → 28/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lifecycle_status(supported_until: date | None, today: date) -> LifecycleStatus:
    """Supported (no end announced, or more than six months ahead), ending soon (within six months),
    or no longer supported (the last day of support has passed)."""
    if supported_until is None:
        return LifecycleStatus.SUPPORTED
    if supported_until < today:
        return LifecycleStatus.UNSUPPORTED
    if supported_until <= add_months(today, ENDING_SOON_MONTHS):
        return LifecycleStatus.ENDING_SOON
    return LifecycleStatus.SUPPORTED


class ProductLifecycle(models.Model):
    """One product version's lifecycle row."""

    version = models.OneToOneField(
        ProductVersion, on_delete=models.CASCADE, related_name="lifecycle", verbose_name=_("versão/release")
    )
    released_on = models.DateField(_("lançada em"))
    supported_until = models.DateField(
        _("suportada até"), null=True, blank=True, help_text=_("Último dia de suporte; em branco: sem data.")
    )
    notes = models.CharField(_("observação"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("ciclo de vida de versão")
        verbose_name_plural = _("ciclo de vida das versões")
        ordering = ["version__product__name", "-released_on"]

    def __str__(self) -> str:
        return str(self.version)

    def clean(self) -> None:
        if self.supported_until is not None and self.released_on and self.supported_until < self.released_on:
            raise ValidationError(
                {"supported_until": _("O fim do suporte não pode ser antes do lançamento.")}
            )

    def status_on(self, today: date) -> LifecycleStatus:
        return lifecycle_status(self.supported_until, today)
