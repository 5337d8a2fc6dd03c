"""Content-Security-Policy and Permissions-Policy on every route of the role matrix (SEC-7)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import logged_in
from tests.test_role_matrix import PORTAL, _admin_expectation, _admin_kwargs, objects, project_routes

pytestmark = pytest.mark.django_db

__all__ = ["objects"]  # the role matrix's fixture, reused

# Swagger UI writes inline styles: on its page only, styles may be inline (scripts may not).
INLINE_STYLES_ALLOWED = {"api-docs"}
DENIED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def _urls(objects) -> list[tuple[str, str]]:
    urls = []
    for name, _route in project_routes():
        if name is None:
            continue
        if name in PORTAL:
            build, _expected = PORTAL[name]
            urls.append((name, reverse(name, kwargs=build(objects))))
        elif _admin_expectation(name) is not None:
            urls.append((name, reverse(name, kwargs=_admin_kwargs(name, objects))))
    return urls


@pytest.mark.parametrize("role", ["anonymous", "admin", "analyst"])
def test_sec7_every_route_answers_with_a_strict_csp_and_a_permissions_policy(objects, roles, role):
    client = logged_in(Client(), None if role == "anonymous" else roles[role])
    problems, pages_with_nonce = [], 0
    for name, url in _urls(objects):
        response = client.get(url)
        header = response.headers.get("Content-Security-Policy", "")
        directives = _directives(header)
        policy = response.headers.get("Permissions-Policy", "")
        if not all(feature in policy for feature in DENIED_FEATURES):
            problems.append(f"{name} {url}: Permissions-Policy {policy!r}")
        if directives.get("default-src") == ["'none'"] and "sandbox" in directives:
            continue  # a downloaded file: nothing of it may run (stricter than the pages' policy)
        script_src = directives.get("script-src", [])
        style_src = directives.get("style-src", [])
        if directives.get("default-src") != ["'self'"] or directives.get("object-src") != ["'none'"]:
            problems.append(f"{name} {url}: {header!r}")
        if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
            problems.append(f"{name} {url}: inline scripts allowed ({header!r})")
        if "'unsafe-inline'" in style_src and name not in INLINE_STYLES_ALLOWED:
            problems.append(f"{name} {url}: inline styles allowed ({header!r})")
        if directives.get("frame-ancestors") != ["'none'"]:
            problems.append(f"{name} {url}: may be framed ({header!r})")
        body = response.content if not response.streaming else b""
        if response.status_code == 200 and b"<script" in body and b"htmx" in body:
            # A portal page (base.html): htmx's script tag carries the nonce the header names.
            nonces = [word for word in script_src if word.startswith("'nonce-")]
            if len(nonces) != 1 or f'nonce="{nonces[0][7:-1]}"'.encode() not in body:
                problems.append(f"{name} {url}: script-src {script_src}, no matching nonce on the page")
            pages_with_nonce += 1
    assert not problems, "\n".join(problems)
    if role != "analyst":
        assert pages_with_nonce > 5


def test_sec7_no_inline_style_or_handler_in_the_templates():
    """Inline `style="…"` attributes and `on…=` handlers are refused by the policy: none in the
    templates of pages (e-mails are not pages)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    found = []
    for path in root.rglob("*.html"):
        if "emails" in path.parts:
            continue
        text = path.read_text()
        inline = r"""\sstyle=["']|\son[a-z]+=["']|<script(?![^>]*\bsrc=)(?![^>]*nonce=)"""
        for match in re.finditer(inline, text):
            found.append(f"{path.relative_to(root)}: {match.group(0).strip()}")
    assert found == []
