"""Canned replies (macros) of a team: a title and a body with a fixed set of placeholders, filled
in for each ticket by `tickets.services.replies` (plain text replacement, never a template)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import Team
from .timeline import TEXT_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The only placeholders a reply may use; anything else in braces is refused on save.
PLACEHOLDERS: dict[str, StrOrPromise] = {
    "cliente": _("nome de quem abriu o chamado"),
    "empresa": _("nome fantasia da empresa"),
    "chamado": _("número do chamado"),
    "resumo": _("resumo do chamado"),
    "prazo": _("prazo do SLA em vigor"),
    "analista": _("nome de quem envia a resposta"),
    "equipe": _("equipe do chamado"),
}
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


def placeholders_in(text: str) -> list[str]:
    return [name.strip() for name in PLACEHOLDER.findall(text)]


def validate_placeholders(text: str) -> None:
    unknown = sorted({name for name in placeholders_in(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Marcador desconhecido: %(unknown)s. Use somente: %(known)s."),
            code="unknown_placeholder",
            params={
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


class CannedReply(models.Model):
    """A ready answer of a team, inserted in a message of the work page or sent in bulk."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="canned_replies", verbose_name=_("equipe")
    )
    title = models.CharField(_("título"), max_length=120)
    body = models.TextField(
        _("texto"),
        max_length=TEXT_MAX,
        validators=[validate_placeholders],
        help_text=_(
            "Visível ao cliente quando enviada. Marcadores: {cliente}, {empresa}, {chamado}, "
            "{resumo}, {prazo}, {analista}, {equipe}."
        ),
    )
    is_active = models.BooleanField(_("ativa"), default=True)
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    class Meta:
        verbose_name = _("resposta pronta")
        verbose_name_plural = _("respostas prontas")
        ordering = ["team__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["team", "title"], name="canned_reply_unique_title_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.team.name} · {self.title}"
