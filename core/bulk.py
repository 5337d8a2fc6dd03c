"""Set-based writes of many rows of one model (periodic jobs).

`update_rows` is `bulk_update` in at most two statements: the fields whose new value is the same
on every row in one `UPDATE ... WHERE id IN (...)`, the others in one
`UPDATE ... FROM (SELECT unnest(...) ...)` on PostgreSQL (on SQLite, `bulk_update`). Django's
`bulk_update` writes a `CASE WHEN id = ... THEN ...` per field and row: its SQL grows with rows x
fields and PostgreSQL evaluates it row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.db import connection
from django.db.models import Field, Model


def update_rows(rows: Sequence[Model], fields: Sequence[str]) -> None:
    """Write `fields` of `rows` (instances of one model, already saved) as they are in memory."""
    if not rows or not fields:
        return
    model = type(rows[0])
    meta = model._meta
    concrete = {name: cast("Field[Any, Any]", meta.get_field(name)) for name in dict.fromkeys(fields)}
    constant: dict[str, object] = {}
    varying: list[str] = []
    for name, field in concrete.items():
        attname = field.attname
        first = getattr(rows[0], attname)
        if all(getattr(row, attname) == first for row in rows):
            constant[attname] = first
        else:
            varying.append(name)
    pks = [row.pk for row in rows]
    if constant:
        model._default_manager.filter(pk__in=pks).update(**constant)
    if not varying:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(rows, varying, batch_size=500)
        return
    columns = [concrete[name] for name in varying]
    pk_field = meta.pk
    assert pk_field is not None
    selects = [f"unnest(%s::{pk_field.db_type(connection)}[]) AS pk"]
    params: list[Any] = [pks]
    for position, field in enumerate(columns):
        selects.append(f"unnest(%s::{field.db_type(connection)}[]) AS c{position}")
        params.append([field.get_db_prep_save(getattr(row, field.attname), connection) for row in rows])
    quote = connection.ops.quote_name
    assignments = ", ".join(
        f"{quote(cast(str, field.column))} = v.c{position}" for position, field in enumerate(columns)
    )
    table = quote(meta.db_table)
    sql = (
        f"UPDATE {table} SET {assignments} FROM (SELECT {', '.join(selects)}) AS v "  # noqa: S608
        f"WHERE {table}.{quote(cast(str, pk_field.column))} = v.pk"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
