"""Ombudsman cases (OMB-1): a compliment or a complaint about earlier tickets of the company,
answered by the ombudsman team within its own deadline on the "Ouvidoria" calendar, and its
timeline of messages and status changes."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OMBUDSMAN_CALENDAR = "ouvidoria"
# 5 business days of 8 hours on the Ouvidoria calendar.
DEFAULT_TARGET_HOURS = 40


class Case(models.Model):
    class Kind(models.TextChoices):
        COMPLIMENT = "compliment", _("Elogio")
        COMPLAINT = "complaint", _("Reclamação")

    class Status(models.TextChoices):
        OPENED = "opened", _("Aberta")
        IN_ANALYSIS = "in_analysis", _("Em análise")
        ANSWERED = "answered", _("Respondida")
        CLOSED = "closed", _("Encerrada")

    # opened → in analysis → answered (the answer reaches the client) → closed.
    MOVES: dict[str, tuple[str, ...]] = {
        Status.OPENED: (Status.IN_ANALYSIS,),
        Status.IN_ANALYSIS: (Status.ANSWERED,),
        Status.ANSWERED: (Status.CLOSED,),
        Status.CLOSED: (),
    }
    WAITING = (Status.OPENED, Status.IN_ANALYSIS)  # the deadline runs

    protocol = models.CharField(_("protocolo"), max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.PROTECT, related_name="+", verbose_name=_("empresa")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aberta por")
    )
    tickets = models.ManyToManyField("tickets.Ticket", related_name="+", verbose_name=_("chamados citados"))
    subject = models.CharField(_("assunto"), max_length=150)
    description = models.TextField(_("relato"))
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.OPENED)
    target_business_hours = models.PositiveIntegerField(
        _("prazo em horas úteis"),
        default=DEFAULT_TARGET_HOURS,
        help_text=_("Horas úteis do calendário da Ouvidoria, contadas da abertura."),
    )
    calendar_snapshot = models.ForeignKey(
        "sla.CalendarSnapshot", on_delete=models.PROTECT, related_name="+", verbose_name=_("calendário")
    )
    opened_at = models.DateTimeField(_("aberta em"), default=timezone.now)
    due_at = models.DateTimeField(_("prazo"))
    answer = models.TextField(_("resposta"), blank=True)
    answered_at = models.DateTimeField(_("respondida em"), null=True, blank=True)
    closed_at = models.DateTimeField(_("encerrada em"), null=True, blank=True)

    class Meta:
        verbose_name = _("manifestação da ouvidoria")
        verbose_name_plural = _("manifestações da ouvidoria")
        ordering = ["-opened_at", "-pk"]
        indexes = [
            models.Index(fields=["company", "-opened_at"], name="ombudsman_company_opened"),
            models.Index(fields=["status", "due_at"], name="ombudsman_status_due"),
        ]

    def __str__(self) -> str:
        return self.protocol or str(_("(sem protocolo)"))

    def is_late(self, now: datetime | None = None) -> bool:
        """Answered after its deadline, or still waiting past it."""
        if self.status in self.WAITING:
            return (now or timezone.now()) > self.due_at
        return self.answered_at is not None and self.answered_at > self.due_at


class CaseEntry(models.Model):
    """One line of a case's timeline: a message (the client's or the team's) or a status change."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Mensagem")
        STATUS = "status", _("Situação")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_team = models.BooleanField(_("da ouvidoria"), default=False)
    body = models.TextField(_("texto"), blank=True)
    from_status = models.CharField(max_length=12, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Case.Status.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registro da manifestação")
        verbose_name_plural = _("registros da manifestação")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.get_kind_display()}"
