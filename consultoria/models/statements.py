"""A consultancy statement's PDF prepared in the background (CON-8): a long month takes WeasyPrint
longer than a request may last, so the PDF is made by a worker and downloaded when ready, only by
who asked for it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, PartnerUnit


class StatementPdf(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Em preparação")
        READY = "ready", _("Pronto")
        FAILED = "failed", _("Não foi possível gerar")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("pedido por")
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("empresa")
    )
    unit = models.ForeignKey(
        PartnerUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("unidade parceira"),
    )
    month = models.DateField(_("mês"))
    sessions = models.PositiveIntegerField(_("sessões"))
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    file = models.FileField(_("arquivo"), upload_to="consultoria/extratos/%Y/%m/", blank=True)
    requested_at = models.DateTimeField(_("pedido em"))
    finished_at = models.DateTimeField(_("concluído em"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF de extrato de consultoria")
        verbose_name_plural = _("PDFs de extrato de consultoria")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=True, unit__isnull=False)
                | Q(company__isnull=False, unit__isnull=True),
                name="statement_pdf_one_subject",
            )
        ]
        indexes = [models.Index(fields=["requested_by", "month"], name="statement_pdf_by_requester")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} · {self.get_status_display()}"
