"""Acceptance policies per product line (ACP-1..5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import ProductLine


class AcceptancePolicy(models.Model):
    """How long a client has to validate a proposed solution (ACP-1..5), per product line.

    The policy without a line is the default (15 calendar days, reminder 4 days before, one
    45-day postponement). The retail variant (ACP-5) uses 5 business days and sends the
    satisfaction survey when the solution is proposed (SRV-1).
    """

    class Unit(models.TextChoices):
        CALENDAR = "calendar", _("dias corridos")
        BUSINESS = "business", _("dias úteis")

    name = models.CharField(_("nome"), max_length=100)
    product_line = models.OneToOneField(
        ProductLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="acceptance_policy",
        verbose_name=_("linha de produto"),
        help_text=_("Em branco só na política padrão, usada pelas linhas sem política própria."),
    )
    is_default = models.BooleanField(_("padrão"), default=False, editable=False)
    window_length = models.PositiveSmallIntegerField(_("prazo para validar"), default=15)
    window_unit = models.CharField(_("unidade"), max_length=10, choices=Unit.choices, default=Unit.CALENDAR)
    reminder_before = models.PositiveSmallIntegerField(
        _("lembrete antes do fim (na mesma unidade)"), default=4, help_text=_("0: sem lembrete.")
    )
    postponement_days = models.PositiveSmallIntegerField(
        _("adiamento (dias corridos)"), default=45, help_text=_("0: o cliente não pode adiar.")
    )
    survey_on_validation = models.BooleanField(
        _("pesquisa ao propor a solução"), default=False, help_text=_("Variante do varejo.")
    )

    class Meta:
        verbose_name = _("política de aceite")
        verbose_name_plural = _("políticas de aceite")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="acceptance_one_default"
            ),
            models.CheckConstraint(
                condition=models.Q(is_default=True, product_line__isnull=True)
                | models.Q(is_default=False, product_line__isnull=False),
                name="acceptance_default_has_no_line",
            ),
            models.CheckConstraint(
                condition=models.Q(window_length__gt=0), name="acceptance_window_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name
