"""Fixtures shared by the whole suite: the roles of the role matrix and a few helpers."""

import os
import re
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

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
from .helpers import answers, logged_in

# Each pytest-xdist worker has its own Redis database: a test empties the cache (`_fresh_cache`),
# and on a shared database it would empty another worker's rate-limit counters mid-test.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_cache = django_settings.CACHES["default"]
if _worker.startswith("gw") and str(_cache.get("LOCATION", "")).startswith("redis://"):
    _cache["LOCATION"] = re.sub(r"(/\d+)?$", f"/{int(_worker[2:]) % 15 + 1}", _cache["LOCATION"], count=1)

# Tasks run in-process unless a test turns this off (the outage tests do).
celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True
# Every prepared read (core.prepared) is compared with the ORM's own compilation of it.
django_settings.PREPARED_READS_CHECKED = True


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2's deliberate slowness protects production, not the suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # A request activates its user's language on the thread and leaves it there (as Django's own
    # LocaleMiddleware does): each test starts, like a worker, in the default language.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _seed_reference_data() -> None:
    """The rows the data migrations create (CAL-3 calendars, SEV-1 targets, the default ACP policy,
    the consultancy's modalities, starting rates and taxes, and term templates).

    Transactional tests end with a flush that empties every table; the next one gets these back
    here. Holidays come back on their own: the SLA service imports a missing year on first use.
    """
    from django.apps import apps

    seed_sla = __import__("sla.migrations.0002_seed_calendars_targets_holidays", fromlist=["seed"])
    seed_policy = __import__("tickets.migrations.0003_default_acceptance_policy", fromlist=["create_default"])
    seed_consultancy = __import__(
        "consultoria.migrations.0002_seed_modalities_terms_rates", fromlist=["seed"]
    )
    seed_sla.seed_calendars_and_targets(apps)
    seed_policy.create_default(apps, None)
    seed_consultancy.seed(apps)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from sla.models import SeverityTarget

    if not SeverityTarget.objects.exists():
        _seed_reference_data()


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
def roles(world) -> dict:
    """Every signed-in role of the role matrix, by name ("other": Beta's administrator)."""
    return {
        "contact": world.contact.user,
        "admin": world.admin.user,
        "partner": world.partner,
        "analyst": world.analyst,
        "leader": world.leader,
        "other": world.other_admin.user,
    }


@dataclass
class Catalogue:
    line: object
    team: object
    fiscal_team: object
    product: object
    routine: object
    fiscal_routine: object
    version: object
    other_product: object


@pytest.fixture
def catalogue(world) -> Catalogue:
    """A product line both world companies contracted, with routines routed to two teams."""
    from .factories import ProductFactory, ProductLineFactory, RoutineFactory, TeamFactory, VersionFactory

    line = ProductLineFactory(name="ERP", slug="erp")
    world.company.product_lines.add(line)
    world.other_company.product_lines.add(line)
    team = TeamFactory(name="Backoffice", slug="backoffice")
    fiscal = TeamFactory(name="Fiscal", slug="fiscal")
    team.members.add(world.analyst)
    product = ProductFactory(line=line, name="ERP Backoffice", default_team=team)
    other_line = ProductLineFactory(name="RH", slug="rh")
    return Catalogue(
        line=line,
        team=team,
        fiscal_team=fiscal,
        product=product,
        routine=RoutineFactory(product=product, name="Faturamento"),
        fiscal_routine=RoutineFactory(product=product, name="Livros fiscais", team=fiscal),
        version=VersionFactory(product=product, name="12.1.2410"),
        other_product=ProductFactory(line=other_line, name="Folha de Pagamento", default_team=team),
    )


@pytest.fixture
def open_ticket(catalogue, django_capture_on_commit_callbacks):
    """Open a ticket through the service: `open_ticket(actor, **overrides)`."""
    from tickets import services

    def _open(actor, **overrides):
        data = {
            "company": actor.contact.company if hasattr(actor, "contact") else overrides.pop("company"),
            "product": catalogue.product,
            "routine": catalogue.routine,
            "version": catalogue.version,
            "environment": "production",
            "summary": "Nota fiscal rejeitada na transmissão",
            "description": "Ao transmitir a nota, o sistema mostra rejeição 539.",
            "answers": answers(function_unusable=True),
        }
        data.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return services.ticket_open(actor=actor, **data)

    return _open


@pytest.fixture
def client_for(client):
    """Log a user into the test client: `client_for(user)`."""

    def login(user: User):
        return logged_in(client, user)

    return login
