"""When a person last opened a ticket's page: what the portal's unread marker compares with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ticket import Ticket


class TicketSeen(models.Model):
    """The last visit of one person to one ticket's page. A public message or a status change by
    someone else after it is news for that person (the unread marker of the list and the home)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("usuário")
    )
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+", verbose_name=_("chamado"))
    seen_at = models.DateTimeField(_("visto em"))

    class Meta:
        verbose_name = _("última visita ao chamado")
        verbose_name_plural = _("últimas visitas aos chamados")
        constraints = [models.UniqueConstraint(fields=["user", "ticket"], name="ticket_seen_once")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.ticket_id}"
