"""The history of settings edits: who changed which setting, when, and from what to what.

Severity targets, Prime contracts, calendars, acceptance policies, partner units, the catalogue
and (later) consultancy rates are edited by leaders in the back-office; every save goes through
`core.history`, which writes one row here per object created, changed or removed.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("criação")
        CHANGED = "changed", _("alteração")
        DELETED = "deleted", _("remoção")

    at = models.DateTimeField(_("quando"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quem"),
    )
    action = models.CharField(_("ação"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("tipo")
    )
    object_id = models.CharField(_("registro"), max_length=64)
    object_repr = models.CharField(_("o quê"), max_length=200)
    # The setting a row belongs to (a calendar for its intervals, a contract for its targets).
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    scope_id = models.CharField(max_length=64, blank=True)
    scope_repr = models.CharField(_("configuração"), max_length=200, blank=True)
    changes = models.JSONField(
        _("mudanças"), default=dict, help_text=_("Campo: valor anterior e novo valor.")
    )

    class Meta:
        verbose_name = _("alteração de configuração")
        verbose_name_plural = _("histórico de configurações")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="change_object_at"),
            models.Index(fields=["scope_type", "scope_id", "at"], name="change_scope_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"
