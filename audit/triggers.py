"""The database side of the audit trail, for PostgreSQL and SQLite.

- The audit table is append-only: a trigger refuses every UPDATE and DELETE. (PostgreSQL's
  TRUNCATE, which the test suite's flush uses, is a table owner's statement and is left to the
  database's privileges: the application's role should not own the table in production.)
- A change to a ticket's critical columns is written by an AFTER UPDATE trigger on the tickets
  table, one row per changed column, so `QuerySet.update()` and raw SQL are recorded too (on
  PostgreSQL a statement-level trigger over the transition tables: set-based for batch updates).
- A consultancy step (approval, refusal, the client's term decision) is recorded from the
  ticket's history by an AFTER INSERT trigger.

The actor of a trigger row: on PostgreSQL the user id in the connection setting `audit.actor`
(set by audit.middleware for the statements of a request; empty for jobs and the shell). SQLite
has no such setting: its trigger rows have no actor (the ticket's history still names one).

`install` runs in the migration; `ensure` after every migrate, because SQLite drops a table's
triggers when a migration rebuilds that table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "audit_auditentry"
_COLUMNS = "at, kind, actor_id, actor_label, ticket_id, company_id, field, old_value, new_value, detail"


@dataclass(frozen=True)
class Watched:
    """A table whose columns are audited when an UPDATE changes them: one row per column."""

    name: str  # the trigger's (and PostgreSQL function's) name
    table: str
    kind: str
    columns: tuple[str, ...]
    ticket: str = "NULL"  # SQL (over NEW) for the row's ticket, company and detail
    company: str = "NULL"
    detail: str = "''"


def _email_of(user_id: str) -> str:
    return f"coalesce((SELECT email FROM accounts_user WHERE id = {user_id}), '')"


WATCHED = (
    # The ticket's critical columns: who handles it, how urgent, whose, and when it is due.
    Watched(
        name="audit_ticket_changes",
        table="tickets_ticket",
        kind="ticket_changed",
        columns=(
            "status",
            "severity",
            "team_id",
            "assignee_id",
            "company_id",
            "response_due_at",
            "maintenance_due_at",
            "sla_due_at",
            "acceptance_deadline",
            "closed_at",
        ),
        ticket="NEW.id",
        company="NEW.company_id",
    ),
    # Roles and back-office access (the subject's e-mail in the detail).
    Watched(
        name="audit_user_changes",
        table="accounts_user",
        kind="role_changed",
        columns=("role", "is_staff", "is_superuser", "is_active"),
        company="(SELECT company_id FROM accounts_contact WHERE user_id = NEW.id)",
        detail="NEW.email",
    ),
    # A contact's permissions, the company administrator flag among them.
    Watched(
        name="audit_contact_changes",
        table="accounts_contact",
        kind="company_admin_changed",
        columns=(
            "is_company_admin",
            "can_see_company_tickets",
            "can_authorize_consultancy",
            "can_open_tickets",
            "company_id",
        ),
        company="NEW.company_id",
        detail=_email_of("NEW.user_id"),
    ),
)
# Django's groups and permissions of a user (m2m rows added or removed).
MEMBERSHIPS = (("accounts_user_groups", "group_id"), ("accounts_user_user_permissions", "permission_id"))

# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_watched(watched: Watched) -> list[str]:
    """One statement-level trigger over the statement's transition tables: a periodic job's UPDATE
    of 500 tickets writes its audit rows with one INSERT ... SELECT instead of 500 (row triggers
    cost as much as the UPDATE itself)."""
    changes = ",\n                ".join(
        f"('{column.removesuffix('_id')}', o.{column}::text, n.{column}::text)" for column in watched.columns
    )
    over_new = {
        part: getattr(watched, part).replace("NEW.", "n.") for part in ("ticket", "company", "detail")
    }
    return [
        f"""CREATE OR REPLACE FUNCTION {watched.name}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        actor bigint := audit_actor();
        actor_email text := {_email_of("actor")};
    BEGIN
        INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
        SELECT now(), '{watched.kind}', actor, actor_email,
               {over_new["ticket"]}, {over_new["company"]}, c.field, coalesce(c.old, ''),
               coalesce(c.new, ''), {over_new["detail"]}
          FROM audit_new AS n
          JOIN audit_old AS o ON o.id = n.id
         CROSS JOIN LATERAL (VALUES
                {changes}
          ) AS c(field, old, new)
         WHERE c.old IS DISTINCT FROM c.new
         ORDER BY n.id;
        RETURN NULL;
    END $$""",
        f"DROP TRIGGER IF EXISTS {watched.name} ON {watched.table}",
        f"""CREATE TRIGGER {watched.name} AFTER UPDATE ON {watched.table}
        REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
        FOR EACH STATEMENT EXECUTE FUNCTION {watched.name}()""",
    ]


def _pg_membership(table: str, column: str) -> list[str]:
    name = f"audit_{table}"
    field = column.removesuffix("_id")
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        actor bigint := audit_actor();
    BEGIN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
            VALUES (now(), 'groups_changed', actor, {_email_of("actor")}, NULL, NULL, '{field}',
                    OLD.{column}::text, '', {_email_of("OLD.user_id")});
        ELSE
            INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
            VALUES (now(), 'groups_changed', actor, {_email_of("actor")}, NULL, NULL, '{field}',
                    '', NEW.{column}::text, {_email_of("NEW.user_id")});
        END IF;
        RETURN NULL;
    END $$""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"""CREATE TRIGGER {name} AFTER INSERT OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {name}()""",
    ]


POSTGRESQL_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    f"DROP TRIGGER IF EXISTS audit_append_only ON {AUDIT_TABLE}",
    f"""CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {AUDIT_TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
    """CREATE OR REPLACE FUNCTION audit_actor() RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT NULLIF(current_setting('audit.actor', true), '')::bigint
    $$""",
    *[statement for watched in WATCHED for statement in _pg_watched(watched)],
    *[statement for table, column in MEMBERSHIPS for statement in _pg_membership(table, column)],
    f"""CREATE OR REPLACE FUNCTION audit_consultancy_step() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
        SELECT now(), 'consultancy_step', NEW.actor_id, {_email_of("NEW.actor_id")},
               NEW.ticket_id, t.company_id, 'consultancy', NEW.from_value, NEW.to_value, ''
          FROM tickets_ticket t WHERE t.id = NEW.ticket_id;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS audit_consultancy_step ON tickets_ticketevent",
    """CREATE TRIGGER audit_consultancy_step AFTER INSERT ON tickets_ticketevent
        FOR EACH ROW WHEN (NEW.kind = 'consultancy') EXECUTE FUNCTION audit_consultancy_step()""",
]
POSTGRESQL_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_consultancy_step ON tickets_ticketevent",
    "DROP FUNCTION IF EXISTS audit_consultancy_step()",
    *[
        statement
        for table, _column in MEMBERSHIPS
        for statement in (
            f"DROP TRIGGER IF EXISTS audit_{table} ON {table}",
            f"DROP FUNCTION IF EXISTS audit_{table}()",
        )
    ],
    *[
        statement
        for watched in WATCHED
        for statement in (
            f"DROP TRIGGER IF EXISTS {watched.name} ON {watched.table}",
            f"DROP FUNCTION IF EXISTS {watched.name}()",
        )
    ],
    "DROP FUNCTION IF EXISTS audit_actor()",
    f"DROP TRIGGER IF EXISTS audit_append_only ON {AUDIT_TABLE}",
    "DROP FUNCTION IF EXISTS audit_append_only()",
]

# --- SQLite ---------------------------------------------------------------------------------------
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _sqlite_watched(watched: Watched) -> str:
    changes = "\n            UNION ALL ".join(
        f"SELECT '{column.removesuffix('_id')}' AS field, OLD.{column} AS old, NEW.{column} AS new"
        for column in watched.columns
    )
    return f"""CREATE TRIGGER IF NOT EXISTS {watched.name} AFTER UPDATE ON {watched.table}
    BEGIN
        INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
        SELECT {_NOW}, '{watched.kind}', NULL, '', {watched.ticket}, {watched.company}, c.field,
               coalesce(c.old, ''), coalesce(c.new, ''), {watched.detail}
          FROM ({changes}) AS c
         WHERE c.old IS NOT c.new;
    END"""


def _sqlite_membership(table: str, column: str) -> list[str]:
    field = column.removesuffix("_id")
    return [
        f"""CREATE TRIGGER IF NOT EXISTS audit_{table}_{operation.lower()} AFTER {operation} ON {table}
    BEGIN
        INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
        VALUES ({_NOW}, 'groups_changed', NULL, '', NULL, NULL, '{field}', {old}, {new},
                {_email_of(f"{row}.user_id")});
    END"""
        for operation, row, old, new in (
            ("INSERT", "NEW", "''", f"NEW.{column}"),
            ("DELETE", "OLD", f"OLD.{column}", "''"),
        )
    ]


SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {AUDIT_TABLE}
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only (UPDATE refused)'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {AUDIT_TABLE}
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only (DELETE refused)'); END""",
    *[_sqlite_watched(watched) for watched in WATCHED],
    *[statement for table, column in MEMBERSHIPS for statement in _sqlite_membership(table, column)],
    f"""CREATE TRIGGER IF NOT EXISTS audit_consultancy_step AFTER INSERT ON tickets_ticketevent
    WHEN NEW.kind = 'consultancy'
    BEGIN
        INSERT INTO {AUDIT_TABLE} ({_COLUMNS})
        SELECT {_NOW}, 'consultancy_step', NEW.actor_id, {_email_of("NEW.actor_id")},
               NEW.ticket_id, t.company_id, 'consultancy', NEW.from_value, NEW.to_value, ''
          FROM tickets_ticket t WHERE t.id = NEW.ticket_id;
    END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_consultancy_step",
    *[
        f"DROP TRIGGER IF EXISTS audit_{table}_{operation}"
        for table, _column in MEMBERSHIPS
        for operation in ("insert", "delete")
    ],
    *[f"DROP TRIGGER IF EXISTS {watched.name}" for watched in WATCHED],
    "DROP TRIGGER IF EXISTS audit_no_delete",
    "DROP TRIGGER IF EXISTS audit_no_update",
]
_TABLES = {AUDIT_TABLE, "tickets_ticketevent", *(w.table for w in WATCHED), *(t for t, _c in MEMBERSHIPS)}


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, POSTGRESQL_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE_INSTALL)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, POSTGRESQL_UNINSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE_UNINSTALL)


def lift_for_migrations(using: str = "default", **_: Any) -> None:
    """pre_migrate, SQLite only: drop the triggers while migrations run. SQLite alters a table by
    rebuilding it, and the rebuild fails while another table's trigger names it; post_migrate
    (`ensure`) puts every trigger back once the migrations are done."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        _run(connection, SQLITE_UNINSTALL)


def ensure(using: str = "default", **_: Any) -> None:
    """post_migrate: the triggers are there (idempotent), once the tables they need exist."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    if tables >= _TABLES:
        install(connection)
