"""News, release news and the policy and procedure pages (SELF-4). Bodies are Markdown, rendered
by `core.markdown.render_markdown` (no raw HTML reaches a page)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tickets.models import Product, ProductVersion


class NewsItem(models.Model):
    """A news item: general news, or a release note of one product (optionally naming a version).

    Clients see it once it is published and its publication instant has come; staff preview drafts.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("Notícia")
        RELEASE = "release", _("Novidade de release")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        PUBLISHED = "published", _("Publicada")

    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(
        _("endereço"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Parte final do link; em branco: do título."),
    )
    summary = models.CharField(_("resumo"), max_length=300, help_text=_("Uma ou duas frases para a lista."))
    body = models.TextField(_("texto"), help_text=_("Markdown: títulos, listas, tabelas, links e código."))
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("produto"),
        help_text=_("Obrigatório nas novidades de release; em branco, a notícia vale para todos."),
    )
    version = models.ForeignKey(
        ProductVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versão/release"),
    )
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publicada em"),
        null=True,
        blank=True,
        help_text=_("Em branco ao publicar: agora. Uma data futura agenda a publicação."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autor"),
    )
    created_at = models.DateTimeField(_("criada em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("alterada em"), auto_now=True)

    class Meta:
        verbose_name = _("notícia")
        verbose_name_plural = _("notícias")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="news_item_published"),
            models.Index(fields=["product", "status", "-published_at"], name="news_item_product_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="release") | Q(product__isnull=False), name="news_release_has_product"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="news_published_has_instant"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()  # publishing without an instant publishes now
        errors: dict[str, str] = {}
        if self.kind == self.Kind.RELEASE and self.product_id is None:
            errors["product"] = str(_("Uma novidade de release é de um produto: escolha o produto."))
        if self.version_id is not None and (
            self.product_id is None or self.version.product_id != self.product_id  # type: ignore[union-attr]
        ):
            errors["version"] = str(_("A versão escolhida não é do produto da notícia."))
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Page(models.Model):
    """A policy or procedure page ("Políticas e procedimentos"), in the order staff choose."""

    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(
        _("endereço"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Parte final do link; em branco: do título."),
    )
    summary = models.CharField(_("resumo"), max_length=300, blank=True)
    body = models.TextField(_("texto"), help_text=_("Markdown: títulos, listas, tabelas, links e código."))
    is_published = models.BooleanField(_("publicada"), default=False)
    order = models.PositiveSmallIntegerField(_("ordem"), default=0, help_text=_("Menor primeiro."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autor"),
    )
    updated_at = models.DateTimeField(_("alterada em"), auto_now=True)

    class Meta:
        verbose_name = _("página de políticas e procedimentos")
        verbose_name_plural = _("páginas de políticas e procedimentos")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title
