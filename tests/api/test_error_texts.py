"""The API's own error texts are in the user's language: DRF writes three of them in English only
(a malformed JSON body, with the parser's words; a missing body; a session's missing CSRF token)."""

import pytest
from rest_framework.test import APIClient

from tests.helpers import api_token_for, logged_in

pytestmark = pytest.mark.django_db


def _token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


def test_a_malformed_body_is_told_without_the_parsers_words(world):
    client = _token_client(world.contact.user)
    response = client.post("/api/v1/tickets/", "{summary: 1", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "O corpo da requisição não é um JSON válido.", "code": "parse_error"}


def test_an_empty_body_asks_for_the_data(world):
    client = _token_client(world.contact.user)
    response = client.post("/api/v1/tickets/", "null", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Envie os dados no corpo da requisição."]}


def test_a_session_without_its_csrf_token_is_told_in_english_when_the_user_chose_it(world):
    user = world.contact.user
    user.language = "en"
    user.save(update_fields=["language"])
    client = logged_in(APIClient(enforce_csrf_checks=True), user)
    response = client.post("/api/v1/tickets/", {}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Missing or invalid CSRF token: reload the page or use an API token.",
        "code": "csrf_failed",
    }


def test_an_address_the_api_does_not_have_answers_json(world):
    client = _token_client(world.contact.user)
    for url in (
        "/api/v1/nada/",
        "/api/v1/kb/articles/%C2%B2/",
        "/api/v1/downloads/99999999999999999999999/file/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Não encontrado.", "code": "not_found"}, url
    page = client.get("/nada/")  # outside the API, still the page
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
