"""The news back-office (SELF-4, SELF-7): analysts write through the services, the event page lists
who registered interest, clients never get in."""

import pytest
from django.test import Client
from django.urls import reverse

from news.models import Event, EventInterest, NewsItem
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def test_an_analyst_publishes_a_release_note_from_the_back_office(world, catalogue):
    client = logged_in(Client(), world.analyst)
    response = client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title": "ERP 12.1.2510",
            "slug": "",
            "summary": "Novidades",
            "body": "## Faturamento",
            "kind": "release",
            "product": catalogue.erp.pk,
            "version": catalogue.erp_version.pk,
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    assert item.author == world.analyst
    assert item.published_at is not None
    assert item.slug == "erp-1212510"


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001"])
def test_a_date_the_calendar_cannot_hold_is_a_field_error_not_a_server_error(world, catalogue, day):
    client = logged_in(Client(), world.analyst)
    news = client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title": "Data impossível",
            "slug": "",
            "summary": "s",
            "body": "b",
            "kind": "news",
            "status": "published",
            "published_at_0": day,
            "published_at_1": "23:59",
        },
    )
    event = client.post(
        reverse("admin:news_event_add"),
        {
            "title": "Evento",
            "product": catalogue.erp.pk,
            "starts_at_0": day,
            "starts_at_1": "23:00",
            "duration_minutes": "120",
            "online_url": "https://x.example",
            "description": "d",
        },
    )
    for response in (news, event):
        assert response.status_code == 200
        assert "Informe uma data entre 01/01/2000 e 31/12/2100." in response.content.decode()
    assert not NewsItem.objects.exists() and not Event.objects.exists()


def test_release_news_without_product_is_refused_on_the_form(world):
    client = logged_in(Client(), world.analyst)
    response = client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title": "Sem produto",
            "slug": "sem-produto",
            "summary": "s",
            "body": "b",
            "kind": "release",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "escolha o produto" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_event_page_lists_who_registered_interest(world, catalogue, make_event):
    event = make_event("Fechamento fiscal", product=catalogue.erp)
    EventInterest.objects.create(event=event, user=world.contact.user)
    client = logged_in(Client(), world.leader)
    page = client.get(reverse("admin:news_event_change", args=[event.pk])).content.decode()
    assert "contato@alfa.example" in page and "Metalúrgica Alfa" in page
    listing = client.get(reverse("admin:news_event_changelist")).content.decode()
    assert "Fechamento fiscal" in listing


def test_clients_do_not_reach_the_back_office(world):
    client = logged_in(Client(), world.admin.user)
    assert client.get(reverse("admin:news_newsitem_changelist")).status_code == 302
    response = client.post(
        reverse("admin:news_event_add"),
        {"title": "Intruso", "starts_at_0": "10/12/2030", "starts_at_1": "10:00", "duration_minutes": 60},
    )
    assert response.status_code == 302
    assert Event.objects.count() == 0
