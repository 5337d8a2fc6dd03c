"""Every write of news and pages (SELF-4, SELF-7): staff save news, pages, lifecycle rows and
events (from the back-office); clients register and withdraw their interest in a tira-dúvidas."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError

from .models import Event, EventInterest, NewsItem, Page, ProductLifecycle

_M = TypeVar("_M", bound=models.Model)


def _full_clean(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from error


def _unique_slug(model: type[NewsItem] | type[Page], title: str, pk: int | None) -> str:
    base = slugify(title)[:200] or "item"
    others = model.objects.filter(slug__startswith=base)
    if pk is not None:
        others = others.exclude(pk=pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save(instance: _M) -> _M:
    _full_clean(instance)
    instance.save()
    return instance


@transaction.atomic
def news_save(*, actor: User, item: NewsItem, now: datetime | None = None) -> NewsItem:
    """Create or change a news item. Publishing without an instant publishes now; the first author
    stays the author; the address comes from the title when left blank."""
    access.require_news_editor(actor)
    if not item.slug:
        item.slug = _unique_slug(NewsItem, item.title, item.pk)
    if item.status == NewsItem.Status.PUBLISHED and item.published_at is None:
        item.published_at = now or timezone.now()
    if item.author_id is None:
        item.author = actor
    return _save(item)


@transaction.atomic
def page_save(*, actor: User, page: Page) -> Page:
    access.require_news_editor(actor)
    if not page.slug:
        page.slug = _unique_slug(Page, page.title, page.pk)
    if page.author_id is None:
        page.author = actor
    return _save(page)


@transaction.atomic
def lifecycle_save(*, actor: User, row: ProductLifecycle) -> ProductLifecycle:
    access.require_news_editor(actor)
    return _save(row)


@transaction.atomic
def event_save(*, actor: User, event: Event) -> Event:
    access.require_news_editor(actor)
    if event.created_by_id is None:
        event.created_by = actor
    return _save(event)


def content_delete(*, actor: User, instance: NewsItem | Page | ProductLifecycle | Event) -> None:
    """Leaders remove news, pages, lifecycle rows and events (an event's interest list goes with it)."""
    access.require_leader(actor, _("Somente líderes removem novidades, páginas e eventos."))
    instance.delete()


def event_interest_register(*, actor: User, event: Event, now: datetime | None = None) -> EventInterest:
    """Register the actor's interest in an upcoming event, once: registering again changes nothing."""
    access.require_interest_registrant(actor)
    if event.starts_at <= (now or timezone.now()):
        raise DomainError(_("Este tira-dúvidas já começou ou já aconteceu."), code="event_started")
    existing = EventInterest.objects.filter(event=event, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return EventInterest.objects.create(event=event, user=actor)
    except IntegrityError:  # a double click raced us: the row is there
        return EventInterest.objects.get(event=event, user=actor)


def event_interest_withdraw(*, actor: User, event: Event, now: datetime | None = None) -> bool:
    """Withdraw the actor's interest; True when there was one (withdrawing twice changes nothing)."""
    access.require_interest_registrant(actor)
    if event.starts_at <= (now or timezone.now()):
        raise DomainError(_("Este tira-dúvidas já começou ou já aconteceu."), code="event_started")
    deleted, _rows = EventInterest.objects.filter(event=event, user=actor).delete()
    return deleted > 0
