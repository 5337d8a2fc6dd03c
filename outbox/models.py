"""The e-mail outbox (OPS-2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """An e-mail recorded in the same transaction as the change that caused it (OPS-2).

    A task sends it after commit; if the broker is down the periodic drain sends it later,
    so a broker outage delays mail but never loses it.

    An e-mail recorded by a periodic job is stored as what to send (`template`, `context` as JSON,
    `language`) and rendered by the worker when it is sent; subject and bodies are then stored and
    the context cleared. Other e-mails are rendered when recorded (`context` empty).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pendente")
        SENDING = "sending", _("enviando")
        SENT = "sent", _("enviado")
        FAILED = "failed", _("falhou")

    to = models.JSONField(_("destinatários"))
    subject = models.CharField(_("assunto"), max_length=250)
    body_text = models.TextField(_("texto"))
    body_html = models.TextField(_("HTML"), blank=True)
    template = models.CharField(_("modelo"), max_length=80)
    language = models.CharField(_("idioma"), max_length=10, default="pt-br")
    context = models.JSONField(
        _("dados do modelo"),
        null=True,
        blank=True,
        help_text=_("O que o e-mail mostra, enquanto espera ser montado no envio."),
    )
    thread = models.CharField(
        _("chamado da conversa"),
        max_length=8,
        blank=True,
        default="",
        help_text=_("Número do chamado: o e-mail entra na conversa do chamado e pode ser respondido."),
    )
    dedupe_key = models.CharField(
        _("chave de unicidade"),
        max_length=200,
        null=True,
        blank=True,
        help_text=_("Impede que a mesma notificação seja registrada duas vezes."),
    )
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentativas"), default=0)
    last_error = models.TextField(_("último erro"), blank=True)
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("próxima tentativa"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("reservado em"), null=True, blank=True)
    sent_at = models.DateTimeField(_("enviado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail da fila de saída")
        verbose_name_plural = _("fila de saída de e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next_attempt")]
        # A constraint rather than `unique=True`: the same unique index, without the second
        # (LIKE pattern) index PostgreSQL gets for a unique text column, which no query uses and
        # every e-mail recorded would maintain.
        constraints = [models.UniqueConstraint(fields=["dedupe_key"], name="outbox_dedupe_key_unique")]

    def __str__(self) -> str:
        return f"{self.subject or self.template} → {', '.join(self.to)}"
