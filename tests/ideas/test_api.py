"""The suggestion channel in the API (SELF-5): the same rules as the pages; no answer ever names
the proposer, their company or who supports."""

import json

import pytest

from ideas import services

pytestmark = pytest.mark.django_db


def test_self5_api_list_and_detail_never_name_the_proposer(world, ideas, api_as):
    services.suggestion_support(actor=world.admin.user, suggestion=ideas.shared_suggestion)
    client = api_as(world.other_admin.user)
    listing = client.get("/api/v1/suggestions/")
    detail = client.get(f"/api/v1/suggestions/{ideas.shared_suggestion.pk}/")
    assert listing.status_code == 200 and detail.status_code == 200
    assert [row["title"] for row in listing.json()["results"]] == ["Exportar o faturamento em Excel"]
    assert detail.json()["mine"] is False and detail.json()["support_count"] == 1
    for response in (listing, detail):
        text = json.dumps(response.json(), ensure_ascii=False)
        for secret in (
            world.company.trade_name,
            world.contact.user.full_name,
            world.contact.user.email,
            world.admin.user.email,
        ):
            assert secret not in text
        assert "proposer" not in text and "company" not in text


def test_self5_api_the_own_company_sees_it_is_theirs(world, ideas, api_as):
    detail = api_as(world.admin.user).get(f"/api/v1/suggestions/{ideas.shared_suggestion.pk}/")
    assert detail.json()["mine"] is True


def test_self5_api_another_products_suggestion_is_404_on_every_route(world, ideas, api_as):
    client = api_as(world.other_admin.user)
    pk = ideas.alfa_suggestion.pk
    assert client.get(f"/api/v1/suggestions/{pk}/").status_code == 404
    assert client.post(f"/api/v1/suggestions/{pk}/support/").status_code == 404
    assert client.post(f"/api/v1/suggestions/{pk}/withdraw-support/").status_code == 404


def test_self5_api_create_support_withdraw(world, ideas, api_as):
    client = api_as(world.other_admin.user)
    created = client.post(
        "/api/v1/suggestions/",
        {"product": ideas.shared.pk, "title": "Tema escuro", "description": "No caixa."},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["mine"] is True and created.json()["status"] == "received"
    refused = client.post(
        "/api/v1/suggestions/",
        {"product": ideas.alfa_only.pk, "title": "T", "description": "D"},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["field"] == "product"
    unknown = client.post(
        "/api/v1/suggestions/", {"product": 999999, "title": "T", "description": "D"}, format="json"
    )
    assert unknown.json() == refused.json()
    pk = ideas.shared_suggestion.pk
    supported = client.post(f"/api/v1/suggestions/{pk}/support/")
    assert supported.status_code == 200 and supported.json()["supported"] is True
    assert client.post(f"/api/v1/suggestions/{pk}/support/").status_code == 409
    withdrawn = client.post(f"/api/v1/suggestions/{pk}/withdraw-support/")
    assert withdrawn.json()["support_count"] == 0


def test_self5_api_bad_filters_are_400(world, ideas, api_as):
    client = api_as(world.admin.user)
    assert client.get("/api/v1/suggestions/", {"status": "nope"}).status_code == 400
    assert client.get("/api/v1/suggestions/", {"order": "nope"}).status_code == 400
    assert client.get("/api/v1/suggestions/", {"status": "received", "order": "recentes"}).status_code == 200


def test_self5_api_staff_read_everything_but_do_not_support(world, ideas, api_as):
    client = api_as(world.analyst)
    assert len(client.get("/api/v1/suggestions/").json()["results"]) == 2
    assert client.post(f"/api/v1/suggestions/{ideas.shared_suggestion.pk}/support/").status_code == 403
    assert client.post("/api/v1/suggestions/", {}, format="json").status_code == 403


def test_self5_api_the_list_costs_the_same_queries(world, ideas, api_as, django_assert_max_num_queries):
    client = api_as(world.other_admin.user)
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/suggestions/")
    for index in range(30):
        services.suggestion_propose(
            actor=world.contact.user, product=ideas.shared, title=f"Melhoria {index}", description="Texto."
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/suggestions/").status_code == 200
