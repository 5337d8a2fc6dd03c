"""News rules through the services (SELF-4, SELF-7): publication, release news per product, the
lifecycle status, interest registered once and withdrawn."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import DomainError, ForbiddenError
from news import services
from news.models import EventInterest, LifecycleStatus, NewsItem, Page, ProductLifecycle, lifecycle_status
from news.models.lifecycle import add_months

pytestmark = pytest.mark.django_db


def test_publishing_without_an_instant_publishes_now_with_the_actor_as_author(world):
    before = timezone.now()
    item = services.news_save(
        actor=world.analyst,
        item=NewsItem(title="Nova versão do portal", summary="s", body="b", status=NewsItem.Status.PUBLISHED),
    )
    assert item.published_at >= before
    assert item.author == world.analyst
    assert item.slug == "nova-versao-do-portal"
    other = services.news_save(
        actor=world.leader, item=NewsItem(title="Nova versão do portal", summary="s", body="b")
    )
    assert other.slug == "nova-versao-do-portal-2"
    assert other.published_at is None  # a draft


def test_release_news_needs_a_product_and_a_version_of_that_product(world, catalogue):
    with pytest.raises(DomainError) as error:
        services.news_save(
            actor=world.analyst, item=NewsItem(title="Release", summary="s", body="b", kind="release")
        )
    assert error.value.field == "product"
    with pytest.raises(DomainError) as error:
        services.news_save(
            actor=world.analyst,
            item=NewsItem(
                title="Release",
                summary="s",
                body="b",
                kind="release",
                product=catalogue.erp,
                version=catalogue.pdv_version,
            ),
        )
    assert error.value.field == "version"
    assert not NewsItem.objects.exists()


def test_only_staff_write_news_and_pages(world):
    for actor in (world.contact.user, world.admin.user, world.partner):
        with pytest.raises(ForbiddenError):
            services.news_save(actor=actor, item=NewsItem(title="x", summary="s", body="b"))
        with pytest.raises(ForbiddenError):
            services.page_save(actor=actor, page=Page(title="x", body="b"))
    assert not NewsItem.objects.exists() and not Page.objects.exists()


def test_only_leaders_remove(world, make_news):
    item = make_news("Aviso")
    with pytest.raises(ForbiddenError):
        services.content_delete(actor=world.analyst, instance=item)
    services.content_delete(actor=world.leader, instance=item)
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize(
    ("until", "status"),
    [
        (None, LifecycleStatus.SUPPORTED),
        (date(2027, 6, 2), LifecycleStatus.SUPPORTED),  # more than six months ahead
        (date(2027, 6, 1), LifecycleStatus.ENDING_SOON),  # exactly six months ahead
        (date(2026, 12, 1), LifecycleStatus.ENDING_SOON),  # today is the last day
        (date(2026, 11, 30), LifecycleStatus.UNSUPPORTED),
    ],
)
def test_lifecycle_status(until, status):
    assert lifecycle_status(until, date(2026, 12, 1)) == status


def test_add_months_keeps_the_day_or_the_months_last_day():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 1), -14) == date(2025, 10, 1)


def test_lifecycle_support_cannot_end_before_release(world, catalogue):
    with pytest.raises(DomainError):
        services.lifecycle_save(
            actor=world.analyst,
            row=ProductLifecycle(
                version=catalogue.erp_version, released_on=date(2026, 1, 1), supported_until=date(2025, 1, 1)
            ),
        )
    assert not ProductLifecycle.objects.exists()


def test_interest_is_registered_once_and_withdrawn(world, catalogue, make_event):
    event = make_event(product=catalogue.erp)
    user = world.contact.user
    first = services.event_interest_register(actor=user, event=event)
    again = services.event_interest_register(actor=user, event=event)
    assert first.pk == again.pk
    assert EventInterest.objects.filter(event=event).count() == 1
    assert services.event_interest_withdraw(actor=user, event=event) is True
    assert services.event_interest_withdraw(actor=user, event=event) is False
    assert not EventInterest.objects.exists()


def test_interest_is_for_clients_and_upcoming_events(world, catalogue, make_event):
    event = make_event(product=catalogue.erp)
    with pytest.raises(ForbiddenError):
        services.event_interest_register(actor=world.analyst, event=event)
    services.event_interest_register(actor=world.partner, event=event)  # partner consultants too
    past = make_event("Antigo", product=catalogue.erp, days=-1)
    with pytest.raises(DomainError):
        services.event_interest_register(actor=world.contact.user, event=past)
    assert EventInterest.objects.filter(event=past).count() == 0
    assert event.ends_at == event.starts_at + timedelta(minutes=60)
