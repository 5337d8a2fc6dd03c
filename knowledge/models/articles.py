"""Articles (FAQ, how-to, known issue, video) per product and routine, written in Markdown by staff
(SELF-1, SELF-7). `body_text` is the body reduced to plain text by the service: the full-text index
and its snippets read it, never the Markdown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import fulltext
from tickets.models import Product, Routine


class Article(models.Model):
    class Kind(models.TextChoices):
        FAQ = "faq", _("Pergunta frequente")
        HOWTO = "howto", _("Passo a passo")
        KNOWN_ISSUE = "known_issue", _("Problema conhecido")
        VIDEO = "video", _("Vídeo")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        PUBLISHED = "published", _("Publicado")

    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices, default=Kind.FAQ)
    product = models.ForeignKey(
        Product,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("produto"),
        help_text=_("Em branco: artigo geral, vale para todos os produtos."),
    )
    routine = models.ForeignKey(
        Routine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rotina"),
    )
    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("endereço"), max_length=220, unique=True)
    summary = models.CharField(_("resumo"), max_length=300, blank=True)
    body = models.TextField(_("texto (Markdown)"), blank=True)
    body_text = models.TextField(_("texto sem formatação"), blank=True, editable=False)
    status = models.CharField(_("situação"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publicado em"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("autor"),
    )
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    view_count = models.PositiveIntegerField(_("visualizações"), default=0, editable=False)
    helpful_yes = models.PositiveIntegerField(_("ajudou"), default=0, editable=False)
    helpful_no = models.PositiveIntegerField(_("não ajudou"), default=0, editable=False)
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("artigos relacionados"),
        help_text=_("Em branco: o portal mostra artigos parecidos da mesma rotina ou produto."),
    )
    video = models.FileField(_("vídeo"), upload_to="knowledge/videos/%Y/%m/", blank=True, max_length=200)
    video_type = models.CharField(_("tipo do vídeo"), max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("artigo")
        verbose_name_plural = _("artigos")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="article_published_has_date"
            )
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_newest"),
            models.Index(fields=["status", "-view_count"], name="article_most_viewed"),
            models.Index(fields=["status", "kind", "product"], name="article_kind_product"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArticleImage(models.Model):
    """An image an author uploads in the back-office and writes in the body as
    `![alt](/base/imagem/<pk>/)`; served only to who may read the article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("artigo")
    )
    image = models.FileField(_("imagem"), upload_to="knowledge/imagens/%Y/%m/", max_length=200)
    alt = models.CharField(
        _("descrição"), max_length=200, help_text=_("O que a imagem mostra, em poucas palavras.")
    )
    content_type = models.CharField(_("tipo"), max_length=40, editable=False)
    uploaded_at = models.DateTimeField(_("enviada em"), auto_now_add=True)

    class Meta:
        verbose_name = _("imagem")
        verbose_name_plural = _("imagens")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.alt


class ArticleFeedback(models.Model):
    """ "Esta resposta ajudou?": one answer per reader and article, which they may change."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("artigo")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("usuário")
    )
    helpful = models.BooleanField(_("ajudou"))
    comment = models.TextField(_("comentário"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("respondido em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("alterado em"), auto_now=True)

    class Meta:
        verbose_name = _("avaliação de artigo")
        verbose_name_plural = _("avaliações de artigos")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="article_feedback_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.article} · {_('sim') if self.helpful else _('não')}"


# The full-text index of articles (core.fulltext): the title above the summary above the text.
ARTICLE_INDEX = fulltext.Index(
    table="knowledge_article", columns=(("title", "A"), ("summary", "B"), ("body_text", "C"))
)
