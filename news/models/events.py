""" "Tira-dúvidas" events per product (SELF-7): an online session on a date, and who registered
interest in it (once per person; withdrawing removes the row)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tickets.models import Product


class Event(models.Model):
    title = models.CharField(_("título"), max_length=200)
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="events", verbose_name=_("produto")
    )
    starts_at = models.DateTimeField(_("início"), help_text=_("Horário de Brasília."))
    duration_minutes = models.PositiveSmallIntegerField(_("duração (minutos)"), default=60)
    online_url = models.URLField(_("link da sala on-line"), max_length=500)
    description = models.TextField(_("descrição"), blank=True, help_text=_("Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criado por"),
    )

    class Meta:
        verbose_name = _("tira-dúvidas")
        verbose_name_plural = _("tira-dúvidas")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="news_event_starts")]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gt=0), name="news_event_has_duration")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class EventInterest(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="interests", verbose_name=_("evento")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pessoa")
    )
    created_at = models.DateTimeField(_("registrado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("interesse em tira-dúvidas")
        verbose_name_plural = _("interesses em tira-dúvidas")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="news_interest_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"
