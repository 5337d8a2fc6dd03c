"""Prepared reads (core.prepared): compiled once, the same rows and instances as the ORM's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import access
from accounts.backends import PortalModelBackend
from accounts.sessions import SessionStore
from core.errors import NotFoundError
from core.prepared import prepared_fetch
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

RELATED = ("company", "product", "requester", "sla_snapshot__calendar", "routine", "version", "assignee")


def _by_number(**given):
    return Ticket.objects.select_related(*RELATED).filter(**given).order_by()[:1]


def _fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_the_instances_are_the_orms_own(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    expected = _by_number(number=ticket.number)[0]
    for _ in range(2):  # compiled by the first call, kept for the second
        (found,) = prepared_fetch(("test", "by-number"), _by_number, {"number": ticket.number})
        assert _fields(found) == _fields(expected)
        for name in RELATED:
            mine, theirs = found, expected
            for part in name.split("__"):
                mine, theirs = getattr(mine, part), getattr(theirs, part)
            assert (mine is None) == (theirs is None)
            if theirs is not None:
                assert _fields(mine) == _fields(theirs)
        assert found._state.db == "default" and not found._state.adding


def test_each_call_runs_with_its_own_values(world, open_ticket):
    mine = open_ticket(world.contact.user)
    theirs = open_ticket(world.other_contact.user)
    shape = ("test", "company-and-number")
    read = {"company_id": world.company.pk, "number": mine.number}
    assert [t.pk for t in prepared_fetch(shape, _by_number, read)] == [mine.pk]
    other = {"company_id": world.other_company.pk, "number": theirs.number}
    assert [t.pk for t in prepared_fetch(shape, _by_number, other)] == [theirs.pk]
    crossed = {"company_id": world.company.pk, "number": theirs.number}
    assert prepared_fetch(shape, _by_number, crossed) == []


def test_a_boolean_is_part_of_the_shape(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    shape = ("test", "company-active")
    values = {"company__is_active": True, "number": ticket.number}
    assert [t.pk for t in prepared_fetch(shape, _by_number, values)] == [ticket.pk]
    assert prepared_fetch(shape, _by_number, {**values, "company__is_active": False}) == []


def test_an_id_no_column_can_hold_finds_nothing(world):
    assert prepared_fetch(("test", "pk"), lambda pk: _by_number(pk=pk), {"pk": 2**70}) == []


def test_a_value_the_sql_does_not_carry_unchanged_is_refused(world):
    def containing(summary):
        return _by_number(summary__contains=summary)

    with pytest.raises(ImproperlyConfigured, match="summary"):
        prepared_fetch(("test", "contains"), containing, {"summary": "rejeitada"})
    with pytest.raises(ImproperlyConfigured, match="int, a str or a bool"):
        prepared_fetch(("test", "float"), lambda pk: _by_number(pk=pk), {"pk": 1.5})


def test_a_shape_key_that_misses_a_dependency_fails_under_the_check(world, open_ticket, settings):
    """The suite runs every prepared read checked: a read whose SQL depends on something its key
    does not name fails instead of serving the SQL compiled for another shape."""
    ticket = open_ticket(world.contact.user)
    seen = {"status": ticket.status}

    def build(number):
        return _by_number(number=number, status=seen["status"])

    assert prepared_fetch(("test", "status"), build, {"number": ticket.number})
    seen["status"] = Ticket.Status.CLOSED
    with pytest.raises(ImproperlyConfigured, match="misses something"):
        prepared_fetch(("test", "status"), build, {"number": ticket.number})
    settings.PREPARED_READS_CHECKED = False  # unchecked (production), the kept SQL is served
    assert prepared_fetch(("test", "status"), build, {"number": ticket.number})


def test_access_ticket_keeps_each_role_to_its_tickets(world, open_ticket):
    """TEN-2, TEN-3, ACC-3: the ticket page's read is prepared per shape of the access rule; each
    role keeps to its own tickets with its own values."""
    alfa = open_ticket(world.contact.user)
    own = open_ticket(world.admin.user)
    beta = open_ticket(world.other_contact.user)
    for _ in range(2):
        assert access.access_ticket(world.admin.user, alfa.number).pk == alfa.pk  # sees the company's
        assert access.access_ticket(world.contact.user, alfa.number).pk == alfa.pk
        with pytest.raises(NotFoundError):
            access.access_ticket(world.contact.user, own.number)  # a colleague's, without "see all"
        with pytest.raises(NotFoundError):
            access.access_ticket(world.admin.user, beta.number)  # another company's
        assert access.access_ticket(world.other_contact.user, beta.number).pk == beta.pk
        assert access.access_ticket(world.partner, alfa.number).pk == alfa.pk  # the unit serves Alfa
        with pytest.raises(NotFoundError):
            access.access_ticket(world.partner, beta.number)
        assert access.access_ticket(world.analyst, beta.number).pk == beta.pk
    world.company.is_active = False
    world.company.save(update_fields=["is_active"])
    with pytest.raises(NotFoundError):
        access.access_ticket(world.partner, alfa.number)  # an inactive company is not served


def test_the_session_user_is_read_prepared(world):
    backend = PortalModelBackend()
    user = world.contact.user
    found = backend.get_user(user.pk)
    assert found == user and found.contact.company == world.company
    assert backend.get_user(str(user.pk)) == user
    assert backend.get_user("not-a-number") is None
    assert backend.get_user(None) is None


def test_a_session_is_read_until_it_expires(world):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    past = timezone.now() - timedelta(seconds=1)
    Session.objects.filter(session_key=store.session_key).update(expire_date=past)
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new key is issued, as Django's own store does
    assert SessionStore("unknown-session-key-123").load() == {}


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db(transaction=True)  # closes the connection
def test_postgresql_plans_a_read_once_per_connection(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    connection.close()  # a new connection: it has prepared nothing yet
    shape = ("test", "statement")
    with CaptureQueriesContext(connection) as first:
        assert [t.pk for t in prepared_fetch(shape, _by_number, {"number": ticket.number})] == [ticket.pk]
    with CaptureQueriesContext(connection) as second:
        assert [t.pk for t in prepared_fetch(shape, _by_number, {"number": ticket.number})] == [ticket.pk]
    assert len(first) == 1 and first[0]["sql"].startswith("PREPARE portal_")  # one round trip
    assert len(second) == 1 and second[0]["sql"].startswith("EXECUTE portal_")
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        prepared_fetch(shape, _by_number, {"number": "00000000"})
        raise ZeroDivisionError  # a statement outlives the transaction that used it
    assert prepared_fetch(shape, _by_number, {"number": ticket.number})[0].pk == ticket.pk


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_statement_whose_first_run_failed_is_prepared_again_under_a_new_name(world, open_ticket, settings):
    ticket = open_ticket(world.contact.user)
    connection.close()
    shape = ("test", "target-seconds")

    def build(seconds):
        return Ticket.objects.filter(sla_target_seconds=seconds).order_by("pk")

    settings.PREPARED_READS_CHECKED = False  # the ORM would not even send this value
    with pytest.raises(DataError), transaction.atomic():
        prepared_fetch(shape, build, {"seconds": 3_000_000_000})  # beyond the integer column
    with CaptureQueriesContext(connection) as retried:
        found = prepared_fetch(shape, build, {"seconds": ticket.sla_target_seconds})
    assert ticket.pk in [t.pk for t in found]
    assert retried[0]["sql"].startswith("PREPARE portal_")
