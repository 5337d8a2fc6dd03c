"""The knowledge base API (API-1, SELF-1, SELF-2): the same visibility as the pages, Portuguese search
with highlighted snippets, suggestions, deflections (clients only) and feedback once per user."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from knowledge.models import Article, Deflection
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(write):
    return {
        "ferias": write("Como calcular férias", "O cálculo das férias com abono."),
        "draft": write("Férias coletivas", "Em revisão.", status=Article.Status.DRAFT),
    }


@pytest.mark.fulltext
def test_search_and_detail_with_the_pages_visibility(world, articles, django_assert_max_num_queries):
    api = logged_in(APIClient(), world.contact.user)
    response = api.get("/api/v1/kb/articles/", {"q": "ferias"})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["title"] == "Como calcular férias" and "<mark>" in row["snippet"]
    assert api.get("/api/v1/kb/articles/", {"q": "a"}).status_code == 400
    assert api.get("/api/v1/kb/articles/", {"kind": "nada"}).status_code == 400
    staff = logged_in(APIClient(), world.analyst).get("/api/v1/kb/articles/", {"q": "ferias"}).json()
    assert staff["count"] == 2
    detail = api.get(f"/api/v1/kb/articles/{articles['ferias'].slug}/").json()
    assert "<p>" in detail["body_html"] and detail["related"] == []
    assert api.get(f"/api/v1/kb/articles/{articles['draft'].slug}/").status_code == 404
    assert APIClient().get("/api/v1/kb/articles/").status_code == 401
    with django_assert_max_num_queries(5):
        api.get("/api/v1/kb/articles/")


@pytest.mark.fulltext
def test_suggestions_deflections_and_feedback(world, articles, catalogue):
    api = logged_in(APIClient(), world.contact.user)
    found = api.get("/api/v1/kb/suggestions/", {"q": "calcular ferias"}).json()
    assert [a["slug"] for a in found["articles"]] == [articles["ferias"].slug] and found["solutions"] == []
    assert api.get("/api/v1/kb/suggestions/").status_code == 400
    created = api.post(
        "/api/v1/kb/deflections/",
        {"article": articles["ferias"].slug, "query": "calcular ferias", "product": catalogue.product.pk},
        format="json",
    )
    assert created.status_code == 201 and created.json()["company"] == world.company.pk
    assert (
        api.post("/api/v1/kb/deflections/", {"article": articles["draft"].slug}, format="json").status_code
        == 400
    )
    assert api.post("/api/v1/kb/deflections/", {}, format="json").status_code == 400
    staff = logged_in(APIClient(), world.analyst)
    assert (
        staff.post("/api/v1/kb/deflections/", {"article": articles["ferias"].slug}, format="json").status_code
        == 403
    )
    assert Deflection.objects.count() == 1
    url = f"/api/v1/kb/articles/{articles['ferias'].slug}/feedback/"
    api.post(url, {"helpful": True}, format="json")
    body = api.post(url, {"helpful": False, "comment": "Faltou exemplo."}, format="json").json()
    assert (body["helpful_yes"], body["helpful_no"], body["comment"]) == (0, 1, "Faltou exemplo.")
    assert (
        api.post(
            f"/api/v1/kb/articles/{articles['draft'].slug}/feedback/", {"helpful": True}, format="json"
        ).status_code
        == 404
    )
