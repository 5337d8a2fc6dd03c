"""A chat with the support team (CHN-3): the conversation, its messages and its files.

A client contact (or partner consultant) starts a conversation; it waits until an analyst takes it,
and is closed by either side. It becomes a ticket (channel "chat") when an analyst generates one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Em espera")
        ACTIVE = "active", _("Em atendimento")
        CLOSED = "closed", _("Encerrada")

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="chat_conversations",
        verbose_name=_("empresa"),
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("cliente")
    )
    product = models.ForeignKey(
        "tickets.Product",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("produto"),
    )
    team = models.ForeignKey(
        "tickets.Team",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("equipe"),
    )
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.WAITING)
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("analista"),
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("chamado gerado"),
    )
    created_at = models.DateTimeField(_("iniciada em"))
    taken_at = models.DateTimeField(_("atendida em"), null=True, blank=True)
    closed_at = models.DateTimeField(_("encerrada em"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("encerrada por"),
    )

    class Meta:
        verbose_name = _("conversa de chat")
        verbose_name_plural = _("conversas de chat")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="chat_conv_status_created"),
            models.Index(fields=["company", "created_at"], name="chat_conv_company_created"),
        ]

    def __str__(self) -> str:
        return f"Chat {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class ChatMessage(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autor")
    )
    text = models.TextField(_("texto"))
    created_at = models.DateTimeField(_("enviada em"))

    class Meta:
        verbose_name = _("mensagem de chat")
        verbose_name_plural = _("mensagens de chat")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="chat_msg_conv_created")]

    def __str__(self) -> str:
        return self.text[:60]


def chat_file_path(instance: ChatFile, filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never in the path.
    return f"chat/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}"


class ChatFile(models.Model):
    """A file sent in a chat: the checks of ticket attachments (TKT-10), stored outside the web root
    and served only after a permission check."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enviado por")
    )
    file = models.FileField(_("arquivo"), upload_to=chat_file_path, max_length=200)
    original_name = models.CharField(_("nome do arquivo"), max_length=200)
    content_type = models.CharField(_("tipo de conteúdo"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("enviado em"))

    class Meta:
        verbose_name = _("arquivo de chat")
        verbose_name_plural = _("arquivos de chat")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
