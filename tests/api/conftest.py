"""Fixtures of the API tests: token clients for every role and a few tickets of both companies."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api_for(db):
    """An API client authenticated with the user's token: `api_for(user)` (None: anonymous)."""

    def build(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return build


@pytest.fixture
def roles(world) -> dict:
    """Every role of the role matrix, by name."""
    return {
        "contact": world.contact.user,
        "admin": world.admin.user,
        "partner": world.partner,
        "analyst": world.analyst,
        "leader": world.leader,
        "other": world.other_admin.user,
    }
