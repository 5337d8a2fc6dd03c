"""What happens to a ticket: its history (TKT-6), messages (TKT-7), attachments (TKT-10) and the
notices the periodic jobs sent (ACP-2, SLA-5)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ticket import Ticket


class TicketEvent(models.Model):
    """The ticket's history (TKT-6): who changed what, when, and why."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Abertura")
        STATUS = "status", _("Mudança de situação")
        SEVERITY = "severity", _("Reclassificação de severidade")
        TRANSFER = "transfer", _("Transferência de equipe")
        ASSIGNMENT = "assignment", _("Atribuição")
        POSTPONED = "postponed", _("Validação adiada")
        CONSULTANCY = "consultancy", _("Consultoria")
        TIME_ENTRY = "time_entry", _("Apontamento de consultoria")
        TIME_ENTRY_CORRECTED = "entry_corrected", _("Apontamento corrigido")

    # Served by the (ticket, created_at) index below: no second index on the key alone.
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events", db_index=False)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quem"),
        help_text=_("Vazio: o sistema (tarefa automática)."),
    )
    created_at = models.DateTimeField(_("quando"))
    from_value = models.CharField(_("de"), max_length=100, blank=True)
    to_value = models.CharField(_("para"), max_length=100, blank=True)
    reason = models.TextField(_("motivo"), blank=True)

    class Meta:
        verbose_name = _("evento do chamado")
        verbose_name_plural = _("eventos do chamado")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"])]

    def __str__(self) -> str:
        return f"{self.ticket.number} {self.kind} {self.from_value}→{self.to_value}"


# The longest text a person types into a ticket (a description, a message, a reason, a follow-up),
# in every form and in the API.
TEXT_MAX = 20_000


class Message(models.Model):
    """A message of the timeline (TKT-7); internal notes are for analysts only."""

    # Served by the (ticket, created_at) index below: no second index on the key alone.
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages", db_index=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autor")
    )
    body = models.TextField(_("mensagem"))
    is_internal = models.BooleanField(_("nota interna"), default=False)
    created_at = models.DateTimeField(_("enviada em"))

    class Meta:
        verbose_name = _("mensagem")
        verbose_name_plural = _("mensagens")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"])]

    def __str__(self) -> str:
        return f"{self.ticket.number} · {self.author}"

    @property
    def from_staff(self) -> bool:
        return self.author.is_staff


def attachment_path(instance, filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never in the path.
    return f"attachments/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of a ticket (TKT-10): stored outside the web root, served after a permission check."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("arquivo"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("nome do arquivo"), max_length=200)
    content_type = models.CharField(_("tipo de conteúdo"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enviado por")
    )
    created_at = models.DateTimeField(_("enviado em"))

    class Meta:
        verbose_name = _("anexo")
        verbose_name_plural = _("anexos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class TicketNotice(models.Model):
    """One row per notice a job sent (ACP-2 reminder, SLA breach or risk): the unique
    (ticket, kind, due) makes every periodic job idempotent, even with two beats at once."""

    class Kind(models.TextChoices):
        ACCEPTANCE_REMINDER = "acceptance_reminder", _("Lembrete de validação")
        SLA_AT_RISK = "sla_at_risk", _("SLA em risco")
        SLA_BREACHED = "sla_breached", _("SLA estourado")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("tipo"), max_length=24, choices=Kind.choices)
    due_at = models.DateTimeField(_("referente a"))
    created_at = models.DateTimeField(_("criado em"))

    class Meta:
        verbose_name = _("aviso enviado")
        verbose_name_plural = _("avisos enviados")
        constraints = [models.UniqueConstraint(fields=["ticket", "kind", "due_at"], name="notice_once")]

    def __str__(self) -> str:
        return f"{self.ticket.number} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"
