"""The audit trail (issue 14, item 8): append-only in the database, ticket changes written by a
trigger that `QuerySet.update()` cannot bypass, security events from signals, exports from the one
middleware, and the back-office list for leaders only."""

import sqlite3

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit import triggers
from audit.models import AuditEntry
from tests.factories import PASSWORD
from tests.helpers import at
from tickets.models import Ticket

pytestmark = pytest.mark.django_db
K = AuditEntry.Kind


def _entry(**fields) -> AuditEntry:
    return AuditEntry.objects.create(kind=K.LOGIN, actor_label="x@alfa.example", **fields)


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditentry SET kind = 'logout'", "DELETE FROM audit_auditentry"]
)
def test_a_raw_update_or_delete_of_the_trail_fails_in_the_database(statement):
    entry = _entry()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    entry.refresh_from_db()
    assert entry.kind == K.LOGIN


def test_the_orm_cannot_edit_or_delete_a_row_either():
    entry = _entry()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(detail="apagado")
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_sqlite_triggers_refuse_update_and_delete_and_record_ticket_changes(tmp_path):
    """The embedded default (SQLite): the same rules from the same trigger definitions."""
    db = sqlite3.connect(tmp_path / "audit.sqlite3")
    db.executescript(
        """CREATE TABLE audit_auditentry (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL,
               actor_id INTEGER, actor_label TEXT NOT NULL, ticket_id INTEGER, company_id INTEGER,
               field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL, detail TEXT NOT NULL,
               ip TEXT);
           CREATE TABLE accounts_user (id INTEGER PRIMARY KEY, email TEXT, role TEXT, is_staff BOOL,
               is_superuser BOOL, is_active BOOL);
           CREATE TABLE accounts_contact (id INTEGER PRIMARY KEY, user_id INTEGER, company_id INTEGER,
               is_company_admin BOOL, can_see_company_tickets BOOL, can_authorize_consultancy BOOL,
               can_open_tickets BOOL);
           CREATE TABLE accounts_user_groups (id INTEGER PRIMARY KEY, user_id INTEGER, group_id INTEGER);
           CREATE TABLE accounts_user_user_permissions (id INTEGER PRIMARY KEY, user_id INTEGER,
               permission_id INTEGER);
           CREATE TABLE tickets_ticketevent (id INTEGER PRIMARY KEY, ticket_id INTEGER, kind TEXT,
               actor_id INTEGER, from_value TEXT, to_value TEXT);"""
        + "CREATE TABLE tickets_ticket (id INTEGER PRIMARY KEY, "
        + ", ".join(f"{column} TEXT" for column in triggers.WATCHED[0].columns)
        + ");"
    )
    for statement in triggers.SQLITE_INSTALL:
        db.execute(statement)
    db.execute("INSERT INTO tickets_ticket (id, status, severity, company_id) VALUES (1, 'new', 'high', 7)")
    db.execute("UPDATE tickets_ticket SET status = 'closed', severity = 'high' WHERE id = 1")
    rows = db.execute(
        "SELECT kind, ticket_id, company_id, field, old_value, new_value FROM audit_auditentry"
    ).fetchall()
    assert rows == [("ticket_changed", 1, 7, "status", "new", "closed")]
    for statement in ("UPDATE audit_auditentry SET kind = 'x'", "DELETE FROM audit_auditentry"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)
    assert db.execute("SELECT count(*) FROM audit_auditentry").fetchone() == (1,)


def test_a_queryset_update_of_a_ticket_status_is_recorded(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.IN_ANALYSIS, severity="low")
    rows = AuditEntry.objects.filter(kind=K.TICKET_CHANGED, ticket_id=ticket.pk).order_by("field")
    assert [(r.field, r.old_value, r.new_value, r.company_id) for r in rows] == [
        ("severity", ticket.severity, "low", world.company.pk),
        ("status", "new", "in_analysis", world.company.pk),
    ]
    assert rows[0].actor_id is None  # no request: the system (a shell, a job)


def test_an_update_that_changes_no_critical_field_writes_nothing(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    before = AuditEntry.objects.count()
    Ticket.objects.filter(pk=ticket.pk).update(summary="Outro resumo", status=ticket.status)
    assert AuditEntry.objects.count() == before


def test_a_change_made_in_a_request_names_its_actor(world, open_ticket, client_for):
    """The back-office's assignment goes through the service; the trigger reads the actor the
    request set on the connection."""
    ticket = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    client = client_for(world.analyst)
    response = client.post(
        reverse("admin:tickets_ticket_act"),
        {"ticket": ticket.pk, "action": "assign", "assign-assignee": "me"},
    )
    assert response.status_code == 302
    row = AuditEntry.objects.get(kind=K.TICKET_CHANGED, ticket_id=ticket.pk, field="assignee")
    assert (row.actor_id, row.actor_label, row.new_value) == (
        world.analyst.pk,
        world.analyst.email,
        str(world.analyst.pk),
    )
    # The request is over: later statements on the same connection have no actor.
    Ticket.objects.filter(pk=ticket.pk).update(severity="low")
    assert AuditEntry.objects.get(ticket_id=ticket.pk, field="severity").actor_id is None


def test_role_group_and_company_admin_changes_are_recorded_even_through_update(world):
    from accounts.models import Contact, User

    User.objects.filter(pk=world.contact.user.pk).update(is_staff=True)
    Contact.objects.filter(pk=world.contact.pk).update(is_company_admin=True)
    group = Group.objects.create(name="Auditores")
    world.contact.user.groups.add(group)
    world.contact.user.groups.remove(group)
    rows = AuditEntry.objects.filter(detail=world.contact.user.email).order_by("id")
    assert [(r.kind, r.field, r.old_value, r.new_value) for r in rows] == [
        (K.ROLE_CHANGED, "is_staff", "false", "true"),
        (K.COMPANY_ADMIN_CHANGED, "is_company_admin", "false", "true"),
        (K.GROUPS_CHANGED, "group", "", str(group.pk)),
        (K.GROUPS_CHANGED, "group", str(group.pk), ""),
    ]
    assert {r.company_id for r in rows[:2]} == {world.company.pk}


def test_login_success_and_failure_are_recorded(world, client):
    user = world.contact.user
    failed = client.post(reverse("account_login"), {"login": user.email, "password": "errada-Errada1"})
    assert failed.status_code == 200
    ok = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert ok.status_code == 302
    rows = list(AuditEntry.objects.filter(kind__in=[K.LOGIN, K.LOGIN_FAILED]).order_by("id"))
    assert [(r.kind, r.actor_id, r.actor_label, r.ip) for r in rows] == [
        (K.LOGIN_FAILED, None, user.email, "127.0.0.1"),
        (K.LOGIN, user.pk, user.email, "127.0.0.1"),
    ]
    assert "errada" not in " ".join(r.detail + r.actor_label for r in rows)


def test_a_lockout_is_recorded(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/m/ip"}
    for _ in range(3):
        client.post(
            reverse("account_login"), {"login": world.contact.user.email, "password": "errada-Errada1"}
        )
    assert AuditEntry.objects.filter(kind=K.LOCKOUT, actor_label=world.contact.user.email).count() == 1


def test_an_export_is_recorded_with_who_and_which_file(world, client_for):
    client = client_for(world.admin.user)
    response = client.get(reverse("ticket-statement-csv"), {"start": "2026-10-01", "end": "2026-10-31"})
    assert response.status_code == 200
    row = AuditEntry.objects.get(kind=K.EXPORT)
    assert row.actor_id == world.admin.user.pk
    assert row.detail == f"{reverse('ticket-statement-csv')} extrato-chamados-20261001-20261031.csv"


def test_a_page_is_not_an_export(world, client_for):
    client_for(world.admin.user).get(
        reverse("ticket-statement"), {"start": "2026-10-01", "end": "2026-10-31"}
    )
    assert not AuditEntry.objects.filter(kind=K.EXPORT).exists()


def test_leaders_list_and_filter_the_trail_analysts_do_not(world, client_for, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 10, 5, 10))
    Ticket.objects.filter(pk=ticket.pk).update(severity="low")
    _entry()
    url = reverse("admin:audit_auditentry_changelist")
    leader = client_for(world.leader)
    page = leader.get(url, {"kind__exact": K.TICKET_CHANGED})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == list(AuditEntry.objects.filter(kind=K.TICKET_CHANGED))
    assert leader.get(url, {"q": ticket.number}).context["cl"].result_count == 1
    assert leader.get(url, {"company__id__exact": world.company.pk}).status_code == 200
    assert leader.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client_for(world.analyst).get(url).status_code == 403


def test_the_leaders_list_takes_constant_queries(world, client_for, django_assert_max_num_queries):
    for index in range(30):
        _entry(detail=f"linha {index}", company=world.company)
    client = client_for(world.leader)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
