"""Tira-dúvidas pages (SELF-7): upcoming events with the online link and the interest buttons
(POST only, idempotent, with a confirmation), past events apart, counts for staff."""

import pytest
from django.test import Client
from django.urls import reverse

from news.models import EventInterest
from tests.helpers import flash, logged_in

pytestmark = pytest.mark.django_db


def test_upcoming_and_past_events_with_the_link_in_brasilia_time(world, catalogue, make_event):
    event = make_event("Fechamento fiscal", product=catalogue.erp)
    make_event("Inventário", product=catalogue.erp, days=-3)
    response = logged_in(Client(), world.contact.user).get(reverse("event-list"))
    assert [e.title for e in response.context["upcoming"]] == ["Fechamento fiscal"]
    assert [e.title for e in response.context["past"]] == ["Inventário"]
    html = response.content.decode()
    assert "https://reuniao.example/sala" in html
    assert "horário de Brasília" in html
    assert "Tenho interesse" in html
    assert reverse("holiday-calendar") in html  # CAL-4
    assert response.context["upcoming"][0].when.startswith(
        event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("America/Sao_Paulo")).strftime(
            "%d/%m/%Y %H:%M"
        )
    )
    assert "pessoa com interesse" not in html  # counts are the staff's


def test_register_and_withdraw_interest_by_post(world, catalogue, make_event):
    event = make_event(product=catalogue.erp)
    client = logged_in(Client(), world.contact.user)
    interest = reverse("event-interest", args=[event.pk])
    withdraw = reverse("event-withdraw", args=[event.pk])
    assert client.get(interest).status_code == 405
    assert not EventInterest.objects.exists()

    response = client.post(interest, {"next": reverse("event-list")})
    assert response.status_code == 302 and response["Location"] == reverse("event-list")
    assert "Interesse registrado" in flash(response)[0]
    client.post(interest)  # twice: still one
    assert EventInterest.objects.filter(event=event, user=world.contact.user).count() == 1
    page = client.get(reverse("event-list")).content.decode()
    assert "Você tem interesse" in page and "Desistir" in page

    response = client.post(withdraw, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("event-list")  # no open redirect
    assert "desistiu" in flash(response)[0]
    client.post(withdraw)
    assert not EventInterest.objects.exists()


def test_staff_see_the_counts_and_cannot_register(world, catalogue, make_event):
    event = make_event(product=catalogue.erp)
    logged_in(Client(), world.contact.user).post(reverse("event-interest", args=[event.pk]))
    logged_in(Client(), world.other_admin.user).post(reverse("event-interest", args=[event.pk]))
    staff = logged_in(Client(), world.analyst)
    html = staff.get(reverse("event-list")).content.decode()
    assert "2 pessoas com interesse" in html
    assert "Tenho interesse" not in html
    assert staff.post(reverse("event-interest", args=[event.pk])).status_code == 403
    assert EventInterest.objects.count() == 2


def test_a_past_event_refuses_interest_with_a_message(world, catalogue, make_event):
    past = make_event(product=catalogue.erp, days=-1)
    response = logged_in(Client(), world.contact.user).post(reverse("event-interest", args=[past.pk]))
    assert response.status_code == 302
    assert "já aconteceu" in flash(response)[0]
    assert not EventInterest.objects.exists()
    assert (
        logged_in(Client(), world.contact.user).post(reverse("event-interest", args=[999999])).status_code
        == 404
    )


def test_event_list_queries_are_constant(world, catalogue, make_event, django_assert_max_num_queries):
    client = logged_in(Client(), world.contact.user)
    make_event(product=catalogue.erp)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("event-list"))
    for n in range(8):
        event = make_event(f"Evento {n}", product=catalogue.pdv if n % 2 else catalogue.erp, days=n + 1)
        EventInterest.objects.create(event=event, user=world.other_admin.user)
        make_event(f"Passado {n}", product=catalogue.erp, days=-(n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("event-list"))
    assert len(response.context["upcoming"]) == 9
    assert len(response.context["past"]) == 8
    for n in range(15):
        make_event(f"Mais {n}", product=catalogue.erp, days=30 + n)
    with django_assert_max_num_queries(len(few.captured_queries) + 1):  # + the paginator's count
        response = client.get(reverse("event-list"))
    assert len(response.context["upcoming"].object_list) == 20
    second = client.get(reverse("event-list"), {"page": 2}).context
    assert len(second["upcoming"].object_list) == 4
    assert second["past"] == []
