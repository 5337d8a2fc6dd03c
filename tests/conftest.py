"""Fixtures shared by the whole suite: the roles of the role matrix and a few helpers."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from accounts.models import Company, Contact, User
from portal.celery import app as celery_app

from .factories import (
    AnalystFactory,
    CompanyFactory,
    ContactFactory,
    LeaderFactory,
    PartnerConsultantFactory,
    PartnerUnitFactory,
)

# Tasks run in-process unless a test turns this off (the outage tests do).
celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2's deliberate slowness protects production, not the suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache (Redis under `make test`): start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@dataclass
class World:
    """Two client companies, a partner unit serving the first, and staff: every role of TEN-2/3."""

    company: Company
    other_company: Company
    admin: Contact
    contact: Contact
    other_admin: Contact
    other_contact: Contact
    partner: User
    analyst: User
    leader: User


@pytest.fixture
def world(db) -> World:
    unit = PartnerUnitFactory()
    company = CompanyFactory(trade_name="Metalúrgica Alfa", partner_unit=unit)
    other_company = CompanyFactory(trade_name="Comércio Beta", state="MG", municipality="Belo Horizonte")
    return World(
        company=company,
        other_company=other_company,
        admin=ContactFactory(company=company, admin=True, user__email="admin@alfa.example"),
        contact=ContactFactory(company=company, user__email="contato@alfa.example"),
        other_admin=ContactFactory(company=other_company, admin=True, user__email="admin@beta.example"),
        other_contact=ContactFactory(company=other_company, user__email="contato@beta.example"),
        partner=PartnerConsultantFactory(unit=unit, user__email="consultor@parceiro.example").user,
        analyst=AnalystFactory(email="analista@suporte.example"),
        leader=LeaderFactory(email="lider@suporte.example"),
    )


@pytest.fixture
def client_for(client):
    """Log a user into the test client: `client_for(user)`."""

    def login(user: User):
        client.force_login(user)
        return client

    return login
