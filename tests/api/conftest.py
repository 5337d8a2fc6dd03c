"""Fixtures of the API tests: a client holding a user's token (the roles are in tests/conftest.py)."""

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
