"""Fixtures of the suggestion channel: a product both world companies use, one only Alfa uses and
one nobody uses; a suggestion of Alfa's contact on each of the first two."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from ideas import services
from tests.factories import ProductFactory, ProductLineFactory, TeamFactory
from tests.helpers import api_token_for


@dataclass
class Ideas:
    shared: object  # used by Alfa and Beta
    alfa_only: object
    nobody: object
    shared_suggestion: object
    alfa_suggestion: object


@pytest.fixture
def ideas(world) -> Ideas:
    team = TeamFactory(name="Produto", slug="produto")
    shared_line = ProductLineFactory(name="ERP", slug="erp")
    alfa_line = ProductLineFactory(name="RH", slug="rh")
    other_line = ProductLineFactory(name="Varejo", slug="varejo")
    world.company.product_lines.add(shared_line, alfa_line)
    world.other_company.product_lines.add(shared_line)
    shared = ProductFactory(line=shared_line, name="ERP Backoffice", default_team=team)
    alfa_only = ProductFactory(line=alfa_line, name="Folha de Pagamento", default_team=team)
    nobody = ProductFactory(line=other_line, name="PDV Varejo", default_team=team)
    return Ideas(
        shared=shared,
        alfa_only=alfa_only,
        nobody=nobody,
        shared_suggestion=services.suggestion_propose(
            actor=world.contact.user,
            product=shared,
            title="Exportar o faturamento em Excel",
            description="Hoje o relatório sai só em PDF.",
        ),
        alfa_suggestion=services.suggestion_propose(
            actor=world.contact.user,
            product=alfa_only,
            title="Aviso de férias vencendo",
            description="Um aviso no painel do RH.",
        ),
    )


@pytest.fixture
def api_as(db):
    def build(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
        return client

    return build
