"""API tokens per device (SEC-6): they expire, are revoked one by one, are hashed at rest; staff
get one only with their authenticator code; users list and revoke them, and their sessions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import PASSWORD
from tests.helpers import api_token_for, authenticator_app, totp_code

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


def _api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_sec6_a_token_expires_after_the_configured_days_with_a_clear_401(world, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    response = APIClient().post(
        URL, {"email": world.contact.user.email, "password": PASSWORD, "device": "ERP"}, format="json"
    )
    raw = response.json()["token"]
    token = ApiToken.objects.get()
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert response.json()["expires_at"]
    assert _api(raw).get("/api/v1/tickets/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _api(raw).get("/api/v1/tickets/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Este token expirou. Peça um novo em /api/v1/auth/token/."


def test_sec6_a_revoked_token_is_refused_and_the_others_keep_working(world, client_for):
    phone, laptop = (
        api_token_for(world.contact.user, "Celular"),
        api_token_for(world.contact.user, "Notebook"),
    )
    client = client_for(world.contact.user)
    page = client.get(reverse("api-tokens"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Celular" in text and "Notebook" in text and phone not in text  # shown once, never again
    celular = ApiToken.objects.get(name="Celular")
    response = client.post(reverse("api-token-revoke", args=[celular.pk]), follow=True)
    assert "Token “Celular” revogado." in response.content.decode()

    refused = _api(phone).get("/api/v1/tickets/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Este token foi revogado. Peça um novo em /api/v1/auth/token/."
    assert _api(laptop).get("/api/v1/tickets/").status_code == 200


def test_sec6_another_users_token_cannot_be_revoked(world, client_for):
    api_token_for(world.other_contact.user)
    other = ApiToken.objects.get()
    response = client_for(world.contact.user).post(reverse("api-token-revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_sec6_staff_get_a_token_only_with_their_authenticator_code(world):
    data = {"email": world.analyst.email, "password": PASSWORD}
    without_app = APIClient().post(URL, data, format="json")
    assert without_app.status_code == 400
    assert "Ative a verificação em duas etapas" in without_app.json()["detail"]

    authenticator_app(world.analyst)
    missing = APIClient().post(URL, data, format="json")
    wrong = APIClient().post(URL, {**data, "code": "000000"}, format="json")
    assert missing.status_code == wrong.status_code == 400
    assert wrong.json()["detail"] == "Informe o código atual do seu aplicativo autenticador."
    assert not ApiToken.objects.exists()

    response = APIClient().post(URL, {**data, "code": totp_code(world.analyst)}, format="json")
    assert response.status_code == 200
    assert _api(response.json()["token"]).get("/api/v1/tickets/").status_code == 200


def test_sec6_a_contact_needs_no_code(world):
    response = APIClient().post(URL, {"email": world.contact.user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_sec6_the_profile_lists_the_open_sessions(world, client_for):
    client = client_for(world.contact.user)
    client.get(reverse("home"))
    profile = client.get(reverse("profile")).content.decode()
    assert reverse("usersessions_list") in profile and reverse("api-tokens") in profile
    assert client.get(reverse("usersessions_list")).status_code == 200
