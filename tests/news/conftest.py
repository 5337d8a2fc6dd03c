"""A small news world: Alfa contracts line "ERP" (product ERP), Beta line "Varejo" (product PDV)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from news import services
from news.models import Event, NewsItem
from tests.factories import ProductFactory, ProductLineFactory, VersionFactory


@dataclass
class NewsWorld:
    erp: object
    pdv: object
    erp_version: object
    pdv_version: object


@pytest.fixture
def catalogue(world) -> NewsWorld:
    erp_line = ProductLineFactory(name="ERP", slug="erp-news")
    pdv_line = ProductLineFactory(name="Varejo", slug="varejo")  # the retail line of the default data
    world.company.product_lines.add(erp_line)
    world.other_company.product_lines.add(pdv_line)
    erp = ProductFactory(line=erp_line, name="ERP Backoffice")
    pdv = ProductFactory(line=pdv_line, name="PDV Varejo")
    return NewsWorld(
        erp=erp,
        pdv=pdv,
        erp_version=VersionFactory(product=erp, name="12.1.2510"),
        pdv_version=VersionFactory(product=pdv, name="4.0"),
    )


@pytest.fixture
def make_news(world):
    def make(title="Notícia", *, product=None, version=None, kind=None, draft=False, days_ago=1, **extra):
        return services.news_save(
            actor=world.analyst,
            item=NewsItem(
                title=title,
                summary=f"Resumo de {title}",
                body=f"# {title}\n\nTexto.",
                kind=kind or (NewsItem.Kind.RELEASE if product else NewsItem.Kind.NEWS),
                product=product,
                version=version,
                status=NewsItem.Status.DRAFT if draft else NewsItem.Status.PUBLISHED,
                published_at=None if draft else timezone.now() - timedelta(days=days_ago),
                **extra,
            ),
        )

    return make


@pytest.fixture
def make_event(world):
    def make(title="Tira-dúvidas", *, product, days=3, **extra):
        return services.event_save(
            actor=world.analyst,
            event=Event(
                title=title,
                product=product,
                starts_at=timezone.now() + timedelta(days=days),
                duration_minutes=60,
                online_url="https://reuniao.example/sala",
                description="Sessão **on-line**.",
                **extra,
            ),
        )

    return make
