"""Ids from the outside that are not ids: "²" and "①" pass `str.isdigit()` but not `int()`, and a
number longer than the database's integer overflows it. Each one is "no id" (the filter is ignored,
the object is not found, the parameter is refused with 400), never a server error."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from core.ids import MAX_ID, as_id

from ..helpers import api_token_for, logged_in

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "①", "abc", "-1", "0", "1.5", "999999999999999999999", " "]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 12 ", 12),
        (12, 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("²", None),
        ("①", None),
        ("١٢", None),  # Arabic-Indic digits: int() reads them, a URL or form never should
        ("", None),
        (None, None),
        (True, None),
        (0, None),
        (-3, None),
        ("1e3", None),
    ],
)
def test_as_id_reads_ascii_digits_the_database_can_hold(value, expected):
    assert as_id(value) == expected


def test_a_number_too_long_for_the_database_matches_no_address():
    assert resolve("/chamados/anexos/123/").kwargs == {"pk": 123}
    with pytest.raises(Resolver404):
        resolve("/chamados/anexos/9999999999999999999999/")
    with pytest.raises(NoReverseMatch):
        reverse("attachment-download", args=["²"])


PORTAL_GETS = [
    "/base/?produto={v}",
    "/base/?q=nota&page={v}",
    "/base/sugestoes/?q=nota%20fiscal&produto={v}",
    "/chamados/semelhantes/?summary=nota%20fiscal&product={v}",
    "/chamados/catalogo/?product={v}",
]

STAFF_GETS = [
    "/admin/tickets/ticket/?equipe={v}",
    "/admin/tickets/ticket/?empresa={v}",
    "/admin/tickets/ticket/{v}/change/",
    "/admin/sla/calendar/simular/?calendar={v}",
    "/admin/consultoria/consultancy/{v}/change/",
    "/admin/sla/calendarsnapshot/?calendario={v}",
    "/admin/consultoria/timeentry/?analista={v}",
    "/admin/consultoria/timeentrycorrection/?lider={v}",
    "/atendimento/telefone/abrir/?pessoa={v}",
]

API_GETS = [
    "/api/v1/downloads/?product={v}",
    "/api/v1/downloads/?version={v}",
    "/api/v1/suggestions/?product={v}",
    "/api/v1/solutions/?product={v}",
    "/api/v1/statement/?company={v}",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_portal_pages_take_any_id_parameter(client, world, catalogue, value):
    logged_in(client, world.contact.user)
    for url in PORTAL_GETS:
        response = client.get(url.format(v=value))
        assert response.status_code < 500, url.format(v=value)


@pytest.mark.parametrize("value", HOSTILE)
def test_back_office_pages_take_any_id_parameter(client, world, catalogue, value):
    logged_in(client, world.leader)
    for url in STAFF_GETS:
        response = client.get(url.format(v=value))
        assert response.status_code < 500, url.format(v=value)


@pytest.mark.parametrize("value", ["²", "999999999999999999999", "-1", "abc"])
def test_api_id_parameters_are_refused_with_400(client, world, catalogue, value):
    token = api_token_for(world.contact.user)
    for url in API_GETS:
        response = client.get(url.format(v=value), HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 400, url.format(v=value)
        assert response["Content-Type"].startswith("application/json")


def test_every_date_hierarchy_refuses_an_impossible_year(client, world):
    """Django's date drill-down reads the year with `int()` and builds a date: a year too large
    raised OverflowError, which Django does not catch. Every list with one answers its "invalid
    filter" page instead."""
    logged_in(client, world.leader)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url, {f"{model_admin.date_hierarchy}__year": "999999999999999999999"})
        assert response.status_code < 500, url
        checked += 1
    assert checked >= 10


def test_every_bulk_action_ignores_rows_that_are_not_ids(client, world, catalogue, open_ticket):
    """A tampered selection ("²", a number too long) is dropped: with nothing left, the admin says
    nothing was selected, as for an empty selection."""
    open_ticket(world.contact.user)
    logged_in(client, world.leader)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        request = client.get(url).wsgi_request
        actions = [name for name in model_admin.get_actions(request) if name != "delete_selected"]
        for action in actions:
            for value in ("²", "999999999999999999999", "abc"):
                response = client.post(
                    url, {"action": action, "index": "0", helpers.ACTION_CHECKBOX_NAME: [value]}
                )
                assert response.status_code < 500, (url, action, value)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("year", ["9999", "10000", "0"])
def test_every_list_refuses_a_date_filter_the_calendar_cannot_hold(client, world, year):
    """`?created_at__year=9999` is a valid year whose end, in UTC, is past the calendar's (SQLite
    converts it); 10000 and 0 are no year at all. The query failed as it ran, which Django does not
    expect: every list answers its "invalid filter" page (or refuses the lookup) instead."""
    logged_in(client, world.leader)
    checked = 0
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField):  # DateTimeField is one
                response = client.get(url, {f"{field.name}__year": year})
                assert response.status_code < 500, f"{url}?{field.name}__year={year}"
                checked += 1
    assert checked >= 40
