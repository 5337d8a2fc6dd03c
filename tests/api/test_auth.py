"""Token login and authentication of the API (API-1, ACC-7)."""

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services.tokens import api_token_digest
from tests.factories import PASSWORD
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/token/"
WRONG = "E-mail ou senha incorretos, ou acesso desativado."


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    # Throttle counters in a fresh cache of this test: parallel workers sharing the file cache or
    # Redis (and clearing it between their tests) cannot disturb the counts.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


def test_api1_login_returns_a_token_that_authenticates_the_next_calls(world):
    response = APIClient().post(URL, {"email": "contato@alfa.example", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    token = response.json()["token"]
    stored = ApiToken.objects.get(user=world.contact.user)
    assert stored.key_hash == api_token_digest(token) and token not in stored.key_hash  # hashed at rest
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/tickets/").status_code == 200


def test_sec6_each_login_is_a_device_of_its_own(world):
    first = APIClient().post(
        URL, {"email": "contato@alfa.example", "password": PASSWORD, "device": "Notebook"}, format="json"
    )
    second = APIClient().post(URL, {"email": "contato@alfa.example", "password": PASSWORD})
    assert first.json()["token"] != second.json()["token"]
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["Dispositivo sem nome", "Notebook"]


def test_api1_wrong_password_is_refused_in_portuguese_and_creates_no_token(world):
    response = APIClient().post(
        URL, {"email": "contato@alfa.example", "password": "errada-123"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [WRONG]}
    assert not ApiToken.objects.exists()


def test_api1_unknown_email_answers_like_a_wrong_password(world):
    response = APIClient().post(URL, {"email": "ninguem@alfa.example", "password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [WRONG]}


def test_acc7_a_deactivated_user_gets_no_token_and_loses_the_old_one(world, api_for):
    client = api_for(world.contact.user)
    world.contact.user.is_active = False
    world.contact.user.save()

    response = APIClient().post(URL, {"email": "contato@alfa.example", "password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [WRONG]}
    assert client.get("/api/v1/tickets/").status_code == 401


def test_api1_missing_fields_are_field_errors_in_portuguese(world):
    response = APIClient().post(URL, {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "email": ["Este campo é obrigatório."],
        "password": ["Este campo é obrigatório."],
    }


def test_api1_token_login_is_throttled(world):
    client = APIClient()
    for _attempt in range(10):
        assert client.post(URL, {"email": "contato@alfa.example", "password": "x"}).status_code == 400

    response = client.post(URL, {"email": "contato@alfa.example", "password": PASSWORD})

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert "Retry-After" in response.headers
    assert not ApiToken.objects.exists()


def test_api1_token_login_is_throttled_per_account_from_any_address(world):
    client = APIClient()
    for attempt in range(20):
        response = client.post(
            URL, {"email": "contato@alfa.example", "password": "x"}, REMOTE_ADDR=f"10.0.0.{attempt}"
        )
        assert response.status_code == 400

    refused = client.post(
        URL, {"email": "CONTATO@alfa.example", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    other_account = client.post(
        URL, {"email": "admin@alfa.example", "password": PASSWORD}, REMOTE_ADDR="10.0.1.2"
    )

    assert refused.status_code == 429
    assert other_account.status_code == 200


def test_api1_a_forged_x_forwarded_for_does_not_escape_the_throttle(world):
    client = APIClient()
    statuses = [
        client.post(
            URL, {"email": f"u{n}@alfa.example", "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
        ).status_code
        for n in range(11)
    ]
    assert statuses == [400] * 10 + [429]


def test_api1_anonymous_and_bad_tokens_get_401(world):
    assert APIClient().get("/api/v1/tickets/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = client.get("/api/v1/tickets/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response.headers["WWW-Authenticate"] == "Token"


def test_api1_the_browser_session_authenticates_too_with_csrf_for_writes(world, catalogue):
    client = logged_in(APIClient(enforce_csrf_checks=True), world.contact.user)

    assert client.get("/api/v1/tickets/").status_code == 200
    response = client.post("/api/v1/tickets/", {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_token_answers_in_its_owners_language(world):
    """The language middleware runs before DRF reads the token: the owner's choice still holds,
    and a Portuguese speaker's token stays Portuguese."""
    from tests.helpers import api_token_for

    user = world.contact.user
    user.language = "en"
    user.save(update_fields=["language"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    response = client.get("/api/v1/tickets/", {"status": "bogus"})
    assert response.status_code == 400
    assert response.json()["status"] == ['"bogus" is not a valid choice.']
    assert response["Content-Language"] == "en"

    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(world.other_contact.user)}")
    response = other.get("/api/v1/tickets/", {"status": "bogus"})
    assert response.json()["status"] == ['"bogus" não é uma escolha válida.']
    assert response["Content-Language"] == "pt-br"
