"""Published solutions (SELF-3): the anonymised problem and accepted solution of a closed ticket,
searched by every signed-in user across companies; and the history of the analysts' edits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import fulltext
from tickets.models import Product, Routine, Ticket

# The search structure of the solutions (core/fulltext.py): the problem weighs more than the solution.
SEARCH_INDEX = fulltext.Index(table="solutions_solution", columns=(("problem", "A"), ("solution", "B")))


class Solution(models.Model):
    """One per ticket closed as accepted (by the client or when the acceptance window ended).

    `problem` and `solution` are anonymised copies (solutions/anonymize.py): the search reads them
    only, never the ticket. A withheld solution (by an analyst, or by the system when the ticket got
    a follow-up, `withdrawn_at`) is never found."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="published_solution", verbose_name=_("chamado")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("produto")
    )
    routine = models.ForeignKey(Routine, on_delete=models.PROTECT, related_name="+", verbose_name=_("rotina"))
    problem = models.TextField(_("problema"))
    solution = models.TextField(_("solução"))
    closed_at = models.DateTimeField(_("encerrado em"))
    published_at = models.DateTimeField(_("publicada em"))
    withheld = models.BooleanField(_("retida"), default=False)
    withheld_reason = models.TextField(_("motivo da retenção"), blank=True)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retida por"),
        help_text=_("Vazio: o sistema (o chamado recebeu um acompanhamento)."),
    )
    withheld_at = models.DateTimeField(_("retida em"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        _("acompanhamento aberto em"),
        null=True,
        blank=True,
        help_text=_("O cliente abriu um acompanhamento deste chamado: a solução foi retida."),
    )

    class Meta:
        verbose_name = _("solução publicada")
        verbose_name_plural = _("soluções publicadas")
        ordering = ["-closed_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "withheld"], name="solution_product_withheld"),
            models.Index(fields=["withheld", "-closed_at"], name="solution_withheld_recent"),
        ]

    def __str__(self) -> str:
        first_line = self.problem.split("\n", 1)[0].rstrip(".")
        return first_line[:80]


class SolutionEdit(models.Model):
    """An analyst's edit of the anonymised texts: who, when, and the texts before and after."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="edits")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("quem")
    )
    edited_at = models.DateTimeField(_("quando"))
    problem_before = models.TextField(_("problema antes"))
    problem_after = models.TextField(_("problema depois"))
    solution_before = models.TextField(_("solução antes"))
    solution_after = models.TextField(_("solução depois"))

    class Meta:
        verbose_name = _("edição de solução")
        verbose_name_plural = _("edições de solução")
        ordering = ["-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.solution_id} · {self.edited_at:%Y-%m-%d %H:%M}"
