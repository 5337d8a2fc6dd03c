"""Fixtures of the API tests: a client holding a user's token (the roles are in tests/conftest.py)."""

import pytest
from rest_framework.test import APIClient

from tests.helpers import api_token_for


@pytest.fixture
def api_for(db):
    """An API client authenticated with the user's token: `api_for(user)` (None: anonymous)."""

    def build(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
        return client

    return build
