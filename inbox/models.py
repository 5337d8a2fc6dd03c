"""Every incoming e-mail, recorded once by its Message-ID with what it did (CHN-1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundMessage(models.Model):
    """One incoming e-mail and its outcome, written in the same transaction as its effect: the
    unique Message-ID makes a redelivered or concurrently polled message apply once."""

    class Source(models.TextChoices):
        IMAP = "imap", _("caixa IMAP")
        PIPE = "pipe", _("entrega pelo servidor de e-mail")

    class Outcome(models.TextChoices):
        MESSAGE = "message", _("mensagem no chamado")
        FOLLOW_UP = "follow_up", _("acompanhamento aberto")
        NEEDS_INFO = "needs_info", _("novo chamado: dados pedidos ao cliente")
        REFUSED = "refused", _("recusada")

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    source = models.CharField(_("origem"), max_length=8, choices=Source.choices)
    sender = models.CharField(_("remetente"), max_length=254, blank=True)
    subject = models.CharField(_("assunto"), max_length=250, blank=True)
    outcome = models.CharField(_("resultado"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("motivo"), blank=True)
    target_number = models.CharField(
        _("chamado indicado"), max_length=8, blank=True, help_text=_("O chamado que a mensagem indicava.")
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("chamado"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("O chamado que recebeu a mensagem (ou o acompanhamento aberto)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    refusal_sent = models.BooleanField(_("recusa enviada"), default=False)
    raw = models.BinaryField(_("mensagem original"), editable=False)
    received_at = models.DateTimeField(_("recebida em"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail recebido")
        verbose_name_plural = _("e-mails recebidos")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["outcome", "received_at"], name="inbox_outcome_received")]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
