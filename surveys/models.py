"""The satisfaction survey of a ticket (SRV-1..3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tickets.models import Team, Ticket


class Survey(models.Model):
    """The satisfaction survey of a ticket (SRV-1..3): one per ticket, answered through a signed
    link, never changing the ticket."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="survey", verbose_name=_("chamado")
    )
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("analista avaliado"),
        db_index=False,  # served by the (analyst, answered_at) index
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("equipe"))
    sent_at = models.DateTimeField(_("enviada em"))
    answered_at = models.DateTimeField(_("respondida em"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("nota"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 6)]
    )
    solved = models.BooleanField(_("o problema foi resolvido"), null=True, blank=True)
    comment = models.TextField(_("comentário"), blank=True)

    class Meta:
        verbose_name = _("pesquisa de satisfação")
        verbose_name_plural = _("pesquisas de satisfação")
        indexes = [
            models.Index(fields=["answered_at"], name="survey_answered_at"),
            models.Index(fields=["analyst", "answered_at"], name="survey_analyst_answered_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="survey_rating_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket.number} · {self.rating or '—'}"
