"""Suggestions of product improvement (SELF-5): what a client proposes, who supports it, and every
status change an analyst makes with its reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Suggestion(models.Model):
    """One improvement proposed for a product. The proposer and their company are the back-office's
    to see: other clients of the product read the text, the status and the support count only."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Recebida")
        IN_REVIEW = "in_review", _("Em análise")
        PLANNED = "planned", _("Planejada")
        DECLINED = "declined", _("Recusada")
        DELIVERED = "delivered", _("Entregue")

    # The triage: received → in review → planned or declined; planned → delivered. Declined and
    # delivered are final.
    MOVES: dict[str, tuple[str, ...]] = {
        Status.RECEIVED: (Status.IN_REVIEW,),
        Status.IN_REVIEW: (Status.PLANNED, Status.DECLINED),
        Status.PLANNED: (Status.DELIVERED,),
        Status.DECLINED: (),
        Status.DELIVERED: (),
    }
    FINAL = (Status.DECLINED, Status.DELIVERED)

    product = models.ForeignKey(
        "tickets.Product", on_delete=models.PROTECT, related_name="suggestions", verbose_name=_("produto")
    )
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("empresa do proponente"),
        help_text=_("Vazio quando proposta por um consultor de unidade parceira."),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proponente")
    )
    title = models.CharField(_("título"), max_length=150)
    description = models.TextField(_("descrição"))
    status = models.CharField(_("situação"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    status_reason = models.TextField(_("motivo da situação"), blank=True)
    support_count = models.PositiveIntegerField(_("apoios"), default=0)
    created_at = models.DateTimeField(_("proposta em"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("situação alterada em"), null=True, blank=True)

    class Meta:
        verbose_name = _("sugestão de melhoria")
        verbose_name_plural = _("sugestões de melhoria")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "status"], name="suggestion_product_status"),
            models.Index(fields=["-support_count", "-created_at"], name="suggestion_most_supported"),
            models.Index(fields=["-created_at"], name="suggestion_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL


class SuggestionSupport(models.Model):
    """A client supports a suggestion once; withdrawing deletes the row."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("apoio")
        verbose_name_plural = _("apoios")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "user"], name="suggestion_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion_id}:{self.user_id}"


class SuggestionStatusChange(models.Model):
    """Every status change, kept with its reason and shown on the suggestion's page."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(_("de"), max_length=20, choices=Suggestion.Status.choices)
    to_status = models.CharField(_("para"), max_length=20, choices=Suggestion.Status.choices)
    reason = models.TextField(_("motivo"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("por")
    )
    created_at = models.DateTimeField(_("em"), default=timezone.now)

    class Meta:
        verbose_name = _("mudança de situação")
        verbose_name_plural = _("mudanças de situação")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
