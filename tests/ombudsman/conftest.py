"""Fixtures of the Ombudsman: tickets of Alfa's contact (who sees only their own), of Alfa's
administrator, and of Beta's contact; an API client by token."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from tests.helpers import api_token_for


@dataclass
class Evidence:
    own: object  # opened by Alfa's contact
    colleague: object  # opened by Alfa's administrator: the contact cannot see it
    foreign: object  # Beta's


@pytest.fixture
def evidence(world, open_ticket) -> Evidence:
    return Evidence(
        own=open_ticket(world.contact.user, summary="Nota rejeitada"),
        colleague=open_ticket(world.admin.user, summary="Relatório lento"),
        foreign=open_ticket(world.other_contact.user, summary="Boleto de outubro"),
    )


@pytest.fixture
def api_as(db):
    def build(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
        return client

    return build
