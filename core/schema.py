"""Migration helpers for index changes Django's schema editor would make the slow way.

Turning `db_index` off on a foreign key makes Django drop and re-add the foreign key constraint
(PostgreSQL then re-checks every row of the table under an exclusive lock: seconds at a million
tickets). Only the index has to go: `drop_column_index` drops the plain indexes on one column
(also PostgreSQL's LIKE-pattern twin of a unique text column), found by introspection since their
names were generated when the table had another name; `create_column_index` puts one back.
"""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def _plain_indexes(schema_editor: BaseDatabaseSchemaEditor, table: str, column: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]
    ]


def drop_column_index(table: str, column: str) -> migrations.RunPython:
    """An operation dropping the plain (non-unique) indexes on exactly `table.column`."""

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        quote = schema_editor.quote_name
        for name in _plain_indexes(schema_editor, table, column):
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if not _plain_indexes(schema_editor, table, column):
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"CREATE INDEX {quote(f'{table}_{column}_idx'[:63])} ON {quote(table)} ({quote(column)})"
            )

    return migrations.RunPython(forward, backward)


def _rename_unique(schema_editor: BaseDatabaseSchemaEditor, table: str, column: str, target: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    quote = schema_editor.quote_name
    for current, info in constraints.items():
        if info["unique"] and not info["primary_key"] and info["columns"] == [column] and current != target:
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(current)} TO {quote(target)}"
            )


def rename_unique_constraint(table: str, column: str, name: str) -> migrations.RunPython:
    """On PostgreSQL, give the unique constraint of `unique=True` on `table.column` the name of the
    `UniqueConstraint` replacing it (its index stays: no rebuild). SQLite keeps an inline UNIQUE,
    which has no name to change (its schema editor rebuilds the table when it changes anyway)."""

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _rename_unique(schema_editor, table, column, name)

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        _rename_unique(schema_editor, table, column, f"{table}_{column}_key")

    return migrations.RunPython(forward, backward)
