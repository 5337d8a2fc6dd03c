"""The role matrix (TEN-2, TEN-3): every route of the project, for every role.

The test walks the project's URL resolver. A route the matrix does not list fails the suite, so a
new page cannot ship without someone deciding who may open it. Objects in the URLs belong to the
first company ("Alfa"); the "other" role is the administrator of the second company ("Beta"),
who must get 404 on any of Alfa's objects, exactly like a missing one. The expectations live in
tests/role_matrix/, one module per part of the project.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import role_matrix
from tests.helpers import logged_in
from tests.role_matrix import NON_STAFF, ROLES

pytestmark = pytest.mark.django_db

MODULES = [
    importlib.import_module(f"tests.role_matrix.{info.name}")
    for info in pkgutil.iter_modules(role_matrix.__path__)
]


def _merge(attribute: str) -> dict:
    merged: dict = {}
    for module in MODULES:
        part = getattr(module, attribute, {})
        duplicated = set(part) & set(merged)
        assert not duplicated, f"{module.__name__} repeats {sorted(duplicated)}"
        merged.update(part)
    return merged


PORTAL = _merge("PORTAL")
ADMIN_SITE = _merge("ADMIN_SITE")
ADMIN_MODELS = _merge("ADMIN_MODELS")
CSRF_EXEMPT = set().union(*(getattr(module, "CSRF_EXEMPT", set()) for module in MODULES))

_ADMIN_MODEL_ROUTE = re.compile(r"^admin:(?P<model>.+)_(?P<action>changelist|add|change|history|delete)$")


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


def _admin_expectation(name: str) -> dict[str, int] | None:
    if name in ADMIN_SITE:
        return {**NON_STAFF, **ADMIN_SITE[name]}
    match = _ADMIN_MODEL_ROUTE.match(name)
    if not match or match["model"] not in ADMIN_MODELS:
        return None
    allowed = ADMIN_MODELS[match["model"]]
    staff = {role: 200 if match["action"] in allowed[role] else 403 for role in ("analyst", "leader")}
    return {**NON_STAFF, **staff}


def _admin_kwargs(name: str, objects: dict) -> dict:
    if name == "admin:app_list":
        return {"app_label": "accounts"}
    if name == "admin:view_on_site":
        return {"content_type_id": "1", "object_id": "1"}
    match = _ADMIN_MODEL_ROUTE.match(name)
    if name in ADMIN_SITE or not match or match["action"] in ("changelist", "add"):
        return {}
    return {"object_id": str(objects[match["model"]].pk)}


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
        elif name not in PORTAL and _admin_expectation(name) is None:
            unknown.append(name)
    assert unknown == [], f"routes missing from the role matrix: {unknown}"


@pytest.fixture
def objects(world, django_capture_on_commit_callbacks) -> dict:
    built = {"world": world}
    for module in MODULES:
        if hasattr(module, "objects"):
            built.update(module.objects(world))
    return built


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(objects, roles, role):
    """GET every route as `role` and compare with the matrix."""
    user = None if role == "anonymous" else roles[role]
    client = logged_in(Client(), user)
    mismatches = []
    for name, _route in project_routes():
        if name is None:
            continue
        if name in PORTAL:
            build, expected = PORTAL[name]
            kwargs = build(objects)
        else:
            expected = _admin_expectation(name)
            kwargs = _admin_kwargs(name, objects)
        url = reverse(name, kwargs=kwargs)
        status = client.get(url).status_code
        if status != expected[role]:
            mismatches.append(f"{name} {url}: expected {expected[role]}, got {status}")
    assert mismatches == []


def test_ten2_every_state_changing_portal_route_refuses_posts_without_csrf(objects):
    """CSRF everywhere: a forged POST (no token) from a logged-in browser never reaches a view."""
    world = objects["world"]
    client = logged_in(Client(enforce_csrf_checks=True), world.admin.user)
    for name, (build, _expected) in PORTAL.items():
        if name in CSRF_EXEMPT:
            continue
        # Every route on the same footing, whatever an earlier response set: with a CSRF cookie but no
        # token, a JSON-only API view cannot read the forged form body and answers 415 from inside
        # the CSRF check (the view is not reached either way).
        client.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        response = client.post(reverse(name, kwargs=build(objects)), {"language": "en"})
        assert response.status_code == 403, name
    world.contact.refresh_from_db()
    assert world.contact.user.is_active
