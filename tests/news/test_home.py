"""The home page shows what is new for the client's products (SELF-4, SELF-7): the latest five
published news of their products or general ones, and the next events of their products."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def test_home_shows_news_and_events_of_the_clients_products(world, catalogue, make_news, make_event):
    make_news("Release do ERP", product=catalogue.erp)
    make_news("Release do PDV", product=catalogue.pdv)
    make_news("Aviso geral")
    make_news("Rascunho do ERP", product=catalogue.erp, draft=True)
    make_event("Evento do ERP", product=catalogue.erp)
    make_event("Evento do PDV", product=catalogue.pdv)
    response = logged_in(Client(), world.contact.user).get(reverse("home"))
    assert sorted(item.title for item in response.context["home_news"]) == ["Aviso geral", "Release do ERP"]
    assert [event.title for event in response.context["home_events"]] == ["Evento do ERP"]
    html = response.content.decode()
    assert "Novidades para os seus produtos" in html
    assert "Release do PDV" not in html and "Rascunho do ERP" not in html
    assert "Meus chamados em aberto" in html  # the existing content stays
    # Beta's contact reads the PDV's news; the partner consultant of Alfa, the ERP's.
    other = logged_in(Client(), world.other_contact.user).get(reverse("home")).context
    assert sorted(item.title for item in other["home_news"]) == ["Aviso geral", "Release do PDV"]
    partner = logged_in(Client(), world.partner).get(reverse("home")).context
    assert sorted(item.title for item in partner["home_news"]) == ["Aviso geral", "Release do ERP"]


def test_home_shows_the_latest_five_with_constant_queries(
    world, catalogue, make_news, make_event, django_assert_max_num_queries
):
    client = logged_in(Client(), world.contact.user)
    make_news("Primeira", product=catalogue.erp)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("home"))
    for n in range(12):
        make_news(f"Notícia {n}", product=catalogue.erp, days_ago=n + 2)
        make_event(f"Evento {n}", product=catalogue.erp, days=n + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("home"))
    assert len(response.context["home_news"]) == 5
    assert response.context["home_news"][0].title == "Primeira"
    assert len(response.context["home_events"]) == 3


def test_staff_home_is_unchanged(world):
    response = logged_in(Client(), world.analyst).get(reverse("home"))
    assert "home_news" not in response.context
    assert "Abrir o back-office" in response.content.decode()
