"""A ticket not opened (SELF-2): a client typing a new ticket's summary read a suggestion and said it
solved the problem. Counted per product and month for the leaders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from tickets.models import Product

from .articles import Article


class Deflection(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("usuário")
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("empresa")
    )
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("produto")
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("artigo")
    )
    # A solved ticket's published solution (app `solutions`); a plain id, no foreign key.
    solution_id = models.PositiveIntegerField(_("solução"), null=True, blank=True)
    query = models.CharField(_("texto digitado"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registrado em"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chamado evitado")
        verbose_name_plural = _("chamados evitados")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y} · {self.query}"
