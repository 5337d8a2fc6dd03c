"""The role matrix (TEN-2, TEN-3): every route of the project, for every role.

The test walks the project's URL resolver. A route the matrix does not list fails the suite, so a
new page cannot ship without someone deciding who may open it. Objects in the URLs belong to the
first company ("Alfa"); the "other" role is the administrator of the second company ("Beta"),
who must get 404 on any of Alfa's objects, exactly like a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from accounts import services
from accounts.models import User
from portal.models import OutboxEmail
from sla import services as sla_services
from sla.models import Calendar, Holiday, PrimeContract, SeverityTarget
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other", "contact", "admin", "partner", "analyst", "leader")

# Shorthands: a status per role, in ROLES order.
LOGIN = 302  # redirected to the login page


def row(*statuses: int) -> dict[str, int]:
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int, anonymous: int = LOGIN) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


# route name -> (how to build its kwargs from the fixture, expected status per role on GET)
PORTAL_MATRIX: dict[str, tuple[Callable[[dict], dict], dict[str, int]]] = {
    "home": (lambda o: {}, logged_in(200)),
    "set-language": (lambda o: {}, everyone(405)),
    "healthz": (lambda o: {}, everyone(200)),
    "account_login": (lambda o: {}, logged_in(302, anonymous=200)),
    "account_logout": (lambda o: {}, logged_in(200, anonymous=302)),
    "account_inactive": (lambda o: {}, everyone(200)),
    "account_change_password": (lambda o: {}, logged_in(200)),
    "account_set_password": (lambda o: {}, logged_in(302)),
    "account_reset_password": (lambda o: {}, everyone(200)),
    "account_reset_password_done": (lambda o: {}, everyone(200)),
    "account_reset_password_from_key": (lambda o: {"uidb36": "1", "key": "bad-key"}, everyone(200)),
    "account_reset_password_from_key_done": (lambda o: {}, everyone(200)),
    #                               anonymous other contact admin partner analyst leader
    "company-detail": (lambda o: {}, row(LOGIN, 200, 200, 200, 403, 403, 403)),
    "company-edit": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-list": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-invite": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-edit": (lambda o: {"pk": o["contact"].pk}, row(LOGIN, 404, 403, 200, 403, 403, 403)),
    "contact-action": (
        lambda o: {"pk": o["contact"].pk, "action": "desativar"},
        row(LOGIN, 405, 403, 405, 403, 403, 403),
    ),
    "contact-activate": (lambda o: {"token": o["invitation_token"]}, everyone(200)),
    "profile": (lambda o: {}, logged_in(200)),
    "holiday-calendar": (lambda o: {}, everyone(200)),
}

# Back-office: non-staff never get in (302 to the login); staff get 200 where their role's
# permissions allow the screen and 403 elsewhere (accounts/backends.py holds the role table).
NON_STAFF = {"anonymous": LOGIN, "other": LOGIN, "contact": LOGIN, "admin": LOGIN, "partner": LOGIN}

ADMIN_SITE = {
    "admin:index": {"analyst": 200, "leader": 200},
    # Logged-in non-staff are told no (403) by allauth's secure_admin_login; staff go to the index.
    "admin:login": {
        "other": 403,
        "contact": 403,
        "admin": 403,
        "partner": 403,
        "analyst": 302,
        "leader": 302,
    },
    "admin:logout": {"analyst": 405, "leader": 405},
    "admin:password_change": {"analyst": 200, "leader": 200},
    "admin:password_change_done": {"analyst": 200, "leader": 200},
    "admin:autocomplete": {"analyst": 403, "leader": 403},
    "admin:jsi18n": {"analyst": 200, "leader": 200},
    "admin:app_list": {"analyst": 200, "leader": 200},
    "admin:view_on_site": {"analyst": 404, "leader": 404},
    # Importing holidays adds rows (leaders); the deadline simulation stores nothing (any staff).
    "admin:sla_holiday_import": {"analyst": 403, "leader": 200},
    "admin:sla_calendar_simulate": {"analyst": 200, "leader": 200},
}

# model -> the actions (changelist/add/change/history/delete) each staff role may open.
VIEW = {"changelist", "change", "history"}
ADMIN_MODELS: dict[str, dict[str, set[str]]] = {
    "accounts_company": {"analyst": VIEW | {"add"}, "leader": VIEW | {"add"}},
    "accounts_contact": {"analyst": VIEW, "leader": VIEW},
    "accounts_partnerunit": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_partnerconsultant": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_productline": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_user": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "portal_outboxemail": {"analyst": VIEW, "leader": VIEW},
    # Calendars, holidays and targets: analysts look, leaders edit; snapshots are frozen (CAL-2a).
    "sla_calendar": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_holiday": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_severitytarget": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_primecontract": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "sla_calendarsnapshot": {"analyst": VIEW, "leader": VIEW},
    # Periodic task definitions are the superuser's (deployment), not the support team's.
    "django_celery_beat_periodictask": {"analyst": set(), "leader": set()},
    "django_celery_beat_clockedschedule": {"analyst": set(), "leader": set()},
    "django_celery_beat_crontabschedule": {"analyst": set(), "leader": set()},
    "django_celery_beat_solarschedule": {"analyst": set(), "leader": set()},
    "django_celery_beat_intervalschedule": {"analyst": set(), "leader": set()},
}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace and (
                f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            )
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def project_routes() -> list[tuple[str | None, str]]:
    return list(_walk(get_resolver().url_patterns))


_ADMIN_MODEL_ROUTE = re.compile(r"^admin:(?P<model>.+)_(?P<action>changelist|add|change|history|delete)$")


def _admin_expectation(name: str) -> dict[str, int] | None:
    if name in ADMIN_SITE:
        return {**NON_STAFF, **ADMIN_SITE[name]}
    match = _ADMIN_MODEL_ROUTE.match(name)
    if not match or match["model"] not in ADMIN_MODELS:
        return None
    allowed = ADMIN_MODELS[match["model"]]
    staff = {role: 200 if match["action"] in allowed[role] else 403 for role in ("analyst", "leader")}
    return {**NON_STAFF, **staff}


def test_every_route_is_in_the_matrix():
    unknown = []
    for name, route in project_routes():
        if name is None:
            # Django admin's "<object_id>/" shortcut only redirects to the change page, and its
            # final catch-all answers 404 to staff and the login redirect to everyone else.
            if (
                re.fullmatch(r"admin/[a-z_]+/[a-z_]+/<path:object_id>/", route)
                or route == "admin/(?P<url>.*)$"
            ):
                continue
            unknown.append(route)
        elif name not in PORTAL_MATRIX and _admin_expectation(name) is None:
            unknown.append(name)
    assert unknown == [], f"routes missing from the role matrix: {unknown}"


@pytest.fixture
def objects(world, django_capture_on_commit_callbacks):
    pending = ContactFactory(company=world.company, user__activated_at=None, user__password="!")
    pending.user.set_unusable_password()
    pending.user.save()
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    cst = Calendar.objects.get(slug="cst")
    return {
        "world": world,
        "contact": world.contact,
        "invitation_token": services.invitation_token_make(pending.user),
        "accounts_company": world.company,
        "accounts_contact": world.contact,
        "accounts_partnerunit": world.company.partner_unit,
        "accounts_partnerconsultant": world.partner.partner_consultant,
        "accounts_user": world.contact.user,
        "portal_outboxemail": OutboxEmail.objects.create(
            to=["a@b.example"], subject="s", body_text="t", template="x"
        ),
        "django_celery_beat_periodictask": PeriodicTask.objects.create(name="t", task="t", interval=interval),
        "django_celery_beat_intervalschedule": interval,
        "django_celery_beat_crontabschedule": CrontabSchedule.objects.create(),
        "django_celery_beat_solarschedule": SolarSchedule.objects.create(
            event="sunrise", latitude=0, longitude=0
        ),
        "django_celery_beat_clockedschedule": ClockedSchedule.objects.create(clocked_time=timezone.now()),
        "sla_calendar": cst,
        "sla_holiday": Holiday.objects.filter(scope=Holiday.Scope.NATIONAL).first(),
        "sla_severitytarget": SeverityTarget.objects.get(severity="critical"),
        "sla_primecontract": PrimeContract.objects.create(
            company=world.company,
            calendar=Calendar.objects.get(slug="prime"),
            starts_on=timezone.localdate(),
        ),
        "sla_calendarsnapshot": sla_services.calendar_snapshot(calendar=cst, around=timezone.now()),
    }


def _users(world) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "other": world.other_admin.user,
        "contact": world.contact.user,
        "admin": world.admin.user,
        "partner": world.partner,
        "analyst": world.analyst,
        "leader": world.leader,
    }


def _admin_kwargs(name: str, objects: dict) -> dict:
    from accounts.models import ProductLine

    if name == "admin:app_list":
        return {"app_label": "accounts"}
    if name == "admin:view_on_site":
        return {"content_type_id": "1", "object_id": "1"}
    if name in ADMIN_SITE:
        return {}
    match = _ADMIN_MODEL_ROUTE.match(name)
    if not match:
        return {}
    if match["action"] in ("changelist", "add"):
        return {}
    model = match["model"]
    if model == "accounts_productline":
        return {
            "object_id": str(ProductLine.objects.get_or_create(slug="erp", defaults={"name": "ERP"})[0].pk)
        }
    return {"object_id": str(objects[model].pk)}


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(objects, role):
    """GET every route as `role` and compare with the matrix."""
    from django.urls import reverse

    user = _users(objects["world"])[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    mismatches = []
    for name, _route in project_routes():
        if name is None:
            continue
        if name in PORTAL_MATRIX:
            build, expected = PORTAL_MATRIX[name]
            kwargs = build(objects)
        else:
            expected = _admin_expectation(name)
            kwargs = _admin_kwargs(name, objects)
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception as error:
            raise AssertionError(f"{name}: {kwargs}") from error
        status = client.get(url).status_code
        if status != expected[role]:
            mismatches.append(f"{name} {url}: expected {expected[role]}, got {status}")
    assert mismatches == []


def test_ten2_every_state_changing_portal_route_refuses_posts_without_csrf(world):
    """CSRF everywhere: a forged POST (no token) never reaches a view."""
    from django.urls import reverse

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin.user)
    for name, (build, _expected) in PORTAL_MATRIX.items():
        kwargs = build({"contact": world.contact, "invitation_token": "x"})
        response = client.post(reverse(name, kwargs=kwargs), {"language": "en"})
        assert response.status_code == 403, name
    world.contact.refresh_from_db()
    assert world.contact.user.is_active
