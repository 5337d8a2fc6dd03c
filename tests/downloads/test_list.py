"""The "Central de Download" list (SELF-6): keyword search with or without accents, filters by
product, version and kind, pagination, and a constant number of queries."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from downloads.models import Package
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("download-list"), params)
    assert response.status_code == 200
    return [package.title for package in response.context["page"].object_list]


@pytest.fixture
def client(world):
    return logged_in(Client(), world.analyst)  # staff: both products, to check the filters


@pytest.mark.parametrize(
    "query", ["férias", "FERIAS", "ferias", "Cálculos", "calculos faturamento", "12.1.2510"]
)
def test_self6_keywords_match_with_or_without_accents(client, shelf, query):
    assert "Atualização do faturamento" in _titles(client, q=query)


@pytest.mark.parametrize("query", ["férias inexistente", "folha", "PDV férias"])
def test_self6_every_keyword_must_match(client, shelf, query):
    assert _titles(client, q=query) == []


def test_self6_the_search_covers_titles_too(client, shelf):
    assert _titles(client, q="pdv") == ["PDV 4.0.3"]
    assert _titles(client, q="atualizacao") == ["Atualização do faturamento"]


def test_self6_filters_by_product_version_and_kind(client, shelf):
    old = shelf.upload(
        shelf.erp, version=shelf.erp_old_version, title="Pacote antigo", kind=Package.Kind.INSTALLER
    )

    assert _titles(client, produto=shelf.retail.pk) == ["PDV 4.0.3"]
    assert _titles(client, versao=shelf.erp_old_version.pk) == [old.title]
    assert _titles(client, tipo="patch") == ["PDV 4.0.3"]
    assert _titles(client, produto=shelf.erp.pk, tipo="installer") == [old.title]
    assert _titles(client, produto=shelf.erp.pk, tipo="documentation") == []


def test_self6_foreign_or_bad_filter_values_are_ignored_not_errors(world, shelf):
    contact = logged_in(Client(), world.contact.user)

    assert _titles(contact, produto=shelf.retail.pk) == ["Atualização do faturamento"]  # not theirs: ignored
    assert _titles(contact, produto="abc", versao="-1", tipo="virus", q="x" * 500) == [
        "Atualização do faturamento"
    ]


def test_self6_the_filter_offers_only_the_users_products_and_versions(world, shelf):
    form = logged_in(Client(), world.contact.user).get(reverse("download-list")).context["form"]

    assert [label for _value, label in form.fields["produto"].choices] == [
        "Todos os produtos",
        "ERP Backoffice",
    ]
    assert [label for _value, label in form.fields["versao"].choices] == [
        "Todas as versões",
        "ERP Backoffice 12.1.2510",
        "ERP Backoffice 12.1.2410",
    ]


def test_self6_the_list_is_paginated_newest_release_first(client, shelf):
    from datetime import date

    for day in range(1, 26):
        shelf.upload(shelf.erp, title=f"Patch {day:02d}", released_on=date(2026, 10, day))

    first = client.get(reverse("download-list"))
    second = client.get(reverse("download-list"), {"page": 2})

    assert first.context["page"].paginator.count == 27
    assert len(first.context["page"].object_list) == 20
    assert [p.title for p in first.context["page"].object_list][:3] == [
        "PDV 4.0.3",
        "Atualização do faturamento",
        "Patch 25",
    ]
    assert len(second.context["page"].object_list) == 7
    assert "Página 2 de 2" in second.content.decode()


@pytest.mark.parametrize("role", ["contact", "partner", "analyst"])
def test_self6_the_list_costs_the_same_queries_whatever_its_size(
    world, roles, shelf, role, django_assert_max_num_queries
):
    shelf.upload(shelf.erp, title="Pacote inicial")
    client = logged_in(Client(), roles[role])
    client.get(reverse("download-list"))  # session and caches warmed
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("download-list"), {"q": "pacote"})
    for n in range(30):
        shelf.upload(shelf.erp, title=f"Pacote {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("download-list"), {"q": "pacote"})
    assert len(response.context["page"].object_list) == 20


def test_api_filters_like_the_portal(world, shelf):
    client = logged_in(APIClient(), world.leader)

    def titles(**params):
        response = client.get(reverse("api-download-list"), params)
        assert response.status_code == 200, response.json()
        return [row["title"] for row in response.json()["results"]]

    assert titles(q="FERIAS") == ["Atualização do faturamento"]
    assert titles(product=shelf.retail.pk) == ["PDV 4.0.3"]
    assert titles(version=shelf.erp_version.pk) == ["Atualização do faturamento"]
    assert titles(kind="patch") == ["PDV 4.0.3"]
    assert client.get(reverse("api-download-list"), {"kind": "virus"}).status_code == 400


def test_api_list_costs_the_same_queries_whatever_its_size(world, shelf, django_assert_max_num_queries):
    client = logged_in(APIClient(), world.contact.user)
    client.get(reverse("api-download-list"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("api-download-list"))
    for n in range(30):
        shelf.upload(shelf.erp, title=f"Pacote {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("api-download-list"))
    assert len(response.json()["results"]) == 25
