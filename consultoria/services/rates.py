"""Rates, taxes and term templates (CON-3, CON-7): leaders set them in the back-office, with their
history (core.history). The yearly IGPM adjustment creates every modality's new rate from a date
(old × (1 + IGPM), half-up to the centavo); terms keep the rate they were accepted with."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core import history
from core.errors import ConflictError, DomainError

from ..billing import adjusted_price
from ..models import Modality, Rate, RateAdjustment, TermTemplate
from ..selectors import rate_on

# The IGPM of a year, as recorded since 1989 outside hyperinflation, stays well within these bounds; a
# larger figure is a typing slip (and −100 % or less would make rates free or negative).
IGPM_BOUNDS = (Decimal(-50), Decimal(100))  # from -50 % included, under 100 %
_M = TypeVar("_M", bound=models.Model)


@transaction.atomic
def igpm_adjust(*, actor: User, percentage: Decimal, valid_from: date, note: str = "") -> RateAdjustment:
    """Record the yearly IGPM adjustment: each modality's rate in force on `valid_from` × (1 + IGPM)
    becomes its rate from that day (CON-7)."""
    access.require_leader(actor, _("Somente líderes registram o reajuste anual."))
    low, high = IGPM_BOUNDS
    if not low <= percentage < high:
        raise DomainError(
            _("Informe o IGPM em porcentagem, entre -50 e 100, como 4,25."),
            field="percentage",
            code="igpm_out_of_range",
        )
    if (
        RateAdjustment.objects.filter(valid_from=valid_from).exists()
        or Rate.objects.filter(valid_from=valid_from).exists()
    ):
        raise ConflictError(
            _("Já há tarifas a partir de %(day)s.") % {"day": valid_from.strftime("%d/%m/%Y")},
            code="rates_exist",
        )
    adjustment = history_save(
        actor,
        RateAdjustment(
            percentage=percentage,
            valid_from=valid_from,
            note=note.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        ),
    )
    for modality in Modality.objects.order_by("pk"):
        current = rate_on(modality, valid_from)
        if current is None:
            continue
        history_save(
            actor,
            Rate(
                modality=modality,
                price_per_minute=adjusted_price(current.price_per_minute, percentage),
                valid_from=valid_from,
                adjustment=adjustment,
            ),
        )
    return adjustment


def history_save(actor: User, instance: _M) -> _M:
    history.settings_save(actor=actor, instance=instance)
    return instance


@transaction.atomic
def term_template_new_version(*, actor: User, variant: str, title: str, body: str) -> TermTemplate:
    """A changed term is a new version of its variant; accepted terms keep theirs (CON-3)."""
    if variant not in TermTemplate.Variant.values:
        raise DomainError(_("Variante de termo desconhecida."), field="variant")
    if not title.strip() or not body.strip():
        raise DomainError(_("Informe o título e o texto do termo."), field="body")
    latest = TermTemplate.objects.select_for_update().filter(variant=variant).order_by("-version").first()
    template = TermTemplate(
        variant=variant,
        version=(latest.version + 1) if latest else 1,
        title=title.strip(),
        body=body.strip(),
        created_at=timezone.now(),
    )
    return history_save(actor, template)
