"""Reads of news and pages (SELF-4, SELF-7), on top of accounts/access: the news list with its
filters, a news item or page by its address (drafts only for staff), the home page's news for the
user's products, the lifecycle rows, and tira-dúvidas events with their interest counts.

Every function reads a constant number of queries, whatever the volume."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Value
from django.db.models.fields import BooleanField

from accounts import access
from accounts.models import User
from core.errors import NotFoundError
from tickets.models import Product

from .models import Event, EventInterest, NewsItem, Page, ProductLifecycle

HOME_NEWS = 5
HOME_EVENTS = 3
PAST_EVENTS = 10


def news_list(
    user: User, *, kind: str = "", product_id: int | None = None, now: datetime | None = None
) -> QuerySet[NewsItem]:
    """News the user may read, newest first (drafts only for staff), of one kind and/or product."""
    items = access.news_visible_to(user, now=now).select_related("product", "version")
    if kind:
        items = items.filter(kind=kind)
    if product_id is not None:
        items = items.filter(product_id=product_id)
    # Drafts (no publication instant yet) first, on every database: staff are working on them.
    return items.order_by(F("published_at").desc(nulls_first=True), "-pk")


def news_detail(user: User, slug: str, *, now: datetime | None = None) -> NewsItem:
    item = (
        access.news_visible_to(user, now=now)
        .select_related("product", "version", "author")
        .filter(slug=slug)
        .first()
    )
    if item is None:
        raise NotFoundError
    return item


def news_products() -> list[Product]:
    """The products a news list may be filtered by: those with news, by name."""
    return list(
        Product.objects.filter(Exists(NewsItem.objects.filter(product=OuterRef("pk")))).order_by("name")
    )


def home_news(user: User, *, limit: int = HOME_NEWS, now: datetime | None = None) -> list[NewsItem]:
    """The latest published news about the user's products, and general news (home page)."""
    return list(
        access.news_visible_to(user, now=now)
        .filter(status=NewsItem.Status.PUBLISHED)
        .filter(access.news_for_products_of(user))
        .select_related("product", "version")
        .order_by("-published_at", "-pk")[:limit]
    )


def pages_index(user: User) -> list[Page]:
    return list(access.pages_visible_to(user).order_by("order", "title"))


def page_detail(user: User, slug: str) -> Page:
    page = access.pages_visible_to(user).filter(slug=slug).first()
    if page is None:
        raise NotFoundError
    return page


def my_product_ids(user: User) -> set[int]:
    """The user's products (staff: none in particular, they see every product alike)."""
    if access.is_staff(user):
        return set()
    return set(access.news_products_of(user).values_list("pk", flat=True))


def lifecycle_rows(product_id: int | None = None) -> list[ProductLifecycle]:
    """Every version's lifecycle row with its product, by product then newest release first."""
    rows = ProductLifecycle.objects.select_related("version__product__line")
    if product_id is not None:
        rows = rows.filter(version__product_id=product_id)
    return list(rows.order_by("version__product__name", "version__product_id", "-released_on", "-pk"))


def lifecycle_products() -> list[Product]:
    return list(
        Product.objects.filter(
            Exists(ProductLifecycle.objects.filter(version__product=OuterRef("pk")))
        ).order_by("name")
    )


def _events(user: User) -> QuerySet[Event]:
    interested = (
        Exists(EventInterest.objects.filter(event=OuterRef("pk"), user_id=user.pk))
        if user.is_authenticated
        else Value(False, output_field=BooleanField())
    )
    return Event.objects.select_related("product").annotate(
        interest_count=Count("interests", distinct=True), user_interested=interested
    )


def events_upcoming(user: User, *, now: datetime, product_id: int | None = None) -> QuerySet[Event]:
    """Events still to start, soonest first, each with its interest count and whether the user
    registered interest."""
    events = _events(user).filter(starts_at__gt=now)
    if product_id is not None:
        events = events.filter(product_id=product_id)
    return events.order_by("starts_at", "pk")


def events_past(user: User, *, now: datetime, limit: int = PAST_EVENTS) -> list[Event]:
    return list(_events(user).filter(starts_at__lte=now).order_by("-starts_at", "-pk")[:limit])


def home_events(user: User, *, now: datetime, limit: int = HOME_EVENTS) -> list[Event]:
    """The next events about the user's products (staff: any product)."""
    events = _events(user).filter(starts_at__gt=now)
    if not access.is_staff(user):
        events = events.filter(product__in=access.news_products_of(user).values("pk"))
    return list(events.order_by("starts_at", "pk")[:limit])


def event_products() -> list[Product]:
    return list(Product.objects.filter(Exists(Event.objects.filter(product=OuterRef("pk")))).order_by("name"))


def event_by_id(user: User, pk: int) -> Event:
    """An event any signed-in user may see (404 when missing)."""
    if not user.is_authenticated:
        raise NotFoundError
    event = Event.objects.select_related("product").filter(pk=pk).first()
    if event is None:
        raise NotFoundError
    return event


def event_interested_users(event: Event) -> list[User]:
    """Who registered interest, first come first (staff, in the back-office)."""
    return list(
        User.objects.filter(pk__in=EventInterest.objects.filter(event=event).values("user_id"))
        .select_related("contact__company", "partner_consultant__unit")
        .order_by("full_name", "email")
    )
