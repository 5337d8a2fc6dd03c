"""The back-office's fast list rows (core.admin_rows) give exactly Django's HTML, cell by cell."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.test import Client, RequestFactory
from django.urls import resolve

from accounts.models import Company
from core.admin_rows import fast_rows
from tests.helpers import logged_in
from tickets.models import Ticket

CHANGELIST = "/admin/tickets/ticket/"


def _changelist(model, user, params: dict):
    path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    request = RequestFactory().get(path, params)
    request.user = user
    request.resolver_match = resolve(path)  # the preserved filters are the changelist's own
    cl = admin.site._registry[model].get_changelist_instance(request)
    cl.formset = None  # as `changelist_view` sets it for a list without editable columns
    return cl


def _django_rows(cl) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in results(cl)]


def _fast_rows(cl) -> list[str]:
    return ["".join(str(cell) for cell in row) for row in fast_rows(cl)]


@pytest.mark.parametrize("params", [{}, {"situacao": "new"}, {"o": "2"}])
def test_the_ticket_queue_rows_are_djangos(world, open_ticket, params):
    open_ticket(world.contact.user, summary='Erro <b>"539"</b> & lentidão')
    cl = _changelist(Ticket, world.analyst, params)
    expected = _django_rows(cl)
    assert expected, "the queue lists the tickets"
    assert _fast_rows(cl) == expected
    # Preserved filters reach the links, escaped as Django escapes them.
    if params:
        assert "_changelist_filters=" in expected[0]


def test_model_fields_foreign_keys_and_booleans_too(world):
    """Another admin (companies: model fields, a foreign key, booleans, an admin method)."""
    cl = _changelist(Company, world.leader, {})
    assert _fast_rows(cl) == _django_rows(cl)


def test_the_queue_page_shows_the_fast_rows(world, open_ticket):
    ticket = open_ticket(world.contact.user, summary="Nota fiscal rejeitada")
    html = logged_in(Client(), world.analyst).get(CHANGELIST).content.decode()
    link = f'<a href="/admin/tickets/ticket/{ticket.pk}/change/">{ticket.number}</a>'
    assert f'<th class="field-number">{link}</th>' in html
    assert 'name="_selected_action"' in html
    assert "Nota fiscal rejeitada" in html
