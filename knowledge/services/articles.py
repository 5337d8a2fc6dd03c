"""Articles written by staff (SELF-1, SELF-7): saved with their plain text for the search, published
or taken back to draft, their images checked, and their views counted."""

from __future__ import annotations

import html
import re

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError, ForbiddenError
from core.markdown import render_markdown

from ..models import Article, ArticleImage
from .files import check_image, check_video

# Addresses of the knowledge base's own pages: never an article's.
RESERVED_SLUGS = frozenset({"videos", "sugestoes", "imagem"})
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def markdown_to_text(body: str) -> str:
    """The Markdown as the reader reads it, without markup: what the search indexes and quotes."""
    rendered = str(render_markdown(body))
    rendered = re.sub(r"</(p|h[1-6]|li|pre|blockquote|tr)>", "\n", rendered)
    text = html.unescape(strip_tags(rendered))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


def _require_staff(actor: User) -> None:
    if not access.is_staff(actor):
        raise ForbiddenError(_("Só a equipe de atendimento escreve artigos."))


def _unique_slug(article: Article) -> str:
    base = slugify(article.slug or article.title)[:200] or "artigo"
    slug, n = base, 2
    others = Article.objects.exclude(pk=article.pk) if article.pk else Article.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _new_file(field: object) -> bool:
    """Whether a file field holds a file just uploaded (not yet stored)."""
    return bool(field) and not getattr(field, "_committed", True)


def article_check(article: Article) -> None:
    """The rules of an article as filled in (DomainError on the field that breaks one)."""
    if not article.title.strip():
        raise DomainError(_("Informe o título do artigo."), field="title")
    if article.routine_id is not None:
        routine = article.routine
        if routine is None or article.product_id is None or routine.product_id != article.product_id:
            raise DomainError(_("A rotina escolhida não pertence ao produto do artigo."), field="routine")
    if article.kind == Article.Kind.VIDEO and not article.video:
        raise DomainError(_("Um artigo do tipo vídeo precisa do arquivo do vídeo."), field="video")
    if article.kind != Article.Kind.VIDEO and article.video:
        raise DomainError(_("Só artigos do tipo vídeo têm arquivo de vídeo."), field="video")
    if _new_file(article.video):
        article.video_type = check_video(article.video.file)


def article_save(*, actor: User, article: Article) -> Article:
    """Create or change an article as filled in by its author: the routine must be of the product,
    a video article needs its (checked) file; the plain text and the address follow the title and
    body; publishing dates the article once."""
    _require_staff(actor)
    article_check(article)
    article.slug = _unique_slug(article)
    article.body_text = markdown_to_text(article.body)
    if article.author_id is None:
        article.author = actor
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    article.save()
    return article


def article_publish(*, actor: User, article: Article) -> Article:
    _require_staff(actor)
    if article.is_published:
        return article
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


def article_unpublish(*, actor: User, article: Article) -> Article:
    """Back to draft: clients stop seeing it (its address answers 404 to them)."""
    _require_staff(actor)
    if not article.is_published:
        return article
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


def image_save(*, actor: User, image: ArticleImage) -> ArticleImage:
    """An image of an article, its content type from the checked file."""
    _require_staff(actor)
    if not image.image:
        raise DomainError(_("Escolha o arquivo da imagem."), field="image")
    if _new_file(image.image):
        image.content_type = check_image(image.image.file)
    image.save()
    return image


def article_viewed(*, article: Article, user: User) -> None:
    """One more view of a published article read by a client (staff reading it do not count); one
    UPDATE with F(), so concurrent readers never lose a count."""
    if not article.is_published or access.is_staff(user):
        return
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    article.view_count += 1
