"""The catalogue and routing (TKT-2, TKT-5): teams (queues), products, routines and versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import ProductLine


class Team(models.Model):
    """A queue of analysts (TKT-5): product and routine route tickets to one."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=40, unique=True)
    description = models.CharField(_("descrição"), max_length=250, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analistas"),
        related_name="teams",
        blank=True,
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        verbose_name = _("equipe")
        verbose_name_plural = _("equipes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    line = models.ForeignKey(
        ProductLine, on_delete=models.PROTECT, related_name="products", verbose_name=_("linha")
    )
    name = models.CharField(_("nome"), max_length=100)
    default_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("equipe padrão")
    )
    is_active = models.BooleanField(_("ativo"), default=True)

    class Meta:
        verbose_name = _("produto")
        verbose_name_plural = _("produtos")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="product_unique_per_line")]

    def __str__(self) -> str:
        return self.name


class Routine(models.Model):
    """A module/program of a product (TKT-2); its team, when set, receives the tickets (TKT-5)."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="routines", verbose_name=_("produto")
    )
    name = models.CharField(_("nome"), max_length=100)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("equipe"),
        help_text=_("Em branco: a equipe padrão do produto."),
    )
    is_active = models.BooleanField(_("ativa"), default=True)

    class Meta:
        verbose_name = _("rotina")
        verbose_name_plural = _("rotinas")
        ordering = ["product", "name"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="routine_unique_per_product")]

    def __str__(self) -> str:
        return f"{self.product} · {self.name}"


class ProductVersion(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="versions", verbose_name=_("produto")
    )
    name = models.CharField(_("versão/release"), max_length=40)
    is_active = models.BooleanField(_("ativa"), default=True)

    class Meta:
        verbose_name = _("versão")
        verbose_name_plural = _("versões")
        ordering = ["product", "-name"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="version_unique_per_product")]

    def __str__(self) -> str:
        return f"{self.product} {self.name}"
