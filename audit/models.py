"""One row per audited event. Rows are only ever inserted: triggers refuse UPDATE and DELETE
(audit/triggers.py), and the references are plain ids (no foreign-key constraint), so deleting a
user or a company never touches the trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Login recusado")
        LOCKOUT = "lockout", _("Bloqueio por tentativas")
        LOGOUT = "logout", _("Logout")
        MFA_ADDED = "mfa_added", _("Segundo fator ativado")
        MFA_REMOVED = "mfa_removed", _("Segundo fator removido")
        MFA_RESET = "mfa_reset", _("Códigos de recuperação refeitos")
        MFA_FAILED = "mfa_failed", _("Segundo fator recusado")
        ROLE_CHANGED = "role_changed", _("Papel ou acesso alterado")
        GROUPS_CHANGED = "groups_changed", _("Grupos ou permissões alterados")
        COMPANY_ADMIN_CHANGED = "company_admin_changed", _("Permissões de contato alteradas")
        EXPORT = "export", _("Exportação")
        CONSULTANCY_STEP = "consultancy_step", _("Decisão de consultoria")
        TICKET_CHANGED = "ticket_changed", _("Campo crítico do chamado")
        REMOTE_ACCESS_SAVED = "remote_access_saved", _("Acesso remoto informado")
        REMOTE_ACCESS_REVEALED = "remote_access_revealed", _("Acesso remoto revelado")

    at = models.DateTimeField(_("quando"), default=timezone.now, db_index=True)
    kind = models.CharField(_("tipo"), max_length=32, choices=Kind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quem"),
    )
    # The actor's e-mail at the time (the user may be renamed or removed later), or the address a
    # failed login tried.
    actor_label = models.CharField(_("identificação"), max_length=254, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chamado"),
    )
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("empresa"),
    )
    field = models.CharField(_("campo"), max_length=40, blank=True)
    old_value = models.TextField(_("valor anterior"), blank=True)
    new_value = models.TextField(_("novo valor"), blank=True)
    detail = models.CharField(_("detalhe"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("endereço IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("registro de auditoria")
        verbose_name_plural = _("trilha de auditoria")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["ticket", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.actor_label or '-'} · {self.at:%Y-%m-%d %H:%M}"
