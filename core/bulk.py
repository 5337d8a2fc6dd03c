"""Set-based writes of many rows of one model (periodic jobs).

`update_rows` is `bulk_update` in one statement on PostgreSQL: `UPDATE ... SET` the values every
row shares as parameters and the others from `FROM (SELECT unnest(...) ...)` joined by primary key
(on SQLite: one `UPDATE ... WHERE id IN (...)` for the shared values, `bulk_update` for the others). Django's
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
    constant: dict[str, Field[Any, Any]] = {}
    varying: list[Field[Any, Any]] = []
    for field in concrete.values():
        first = getattr(rows[0], field.attname)
        if all(getattr(row, field.attname) == first for row in rows):
            constant[field.attname] = field
        else:
            varying.append(field)
    pks = [row.pk for row in rows]
    if not varying or connection.vendor != "postgresql":
        if constant:
            values = {attname: getattr(rows[0], attname) for attname in constant}
            model._default_manager.filter(pk__in=pks).update(**values)
        if varying:
            model._default_manager.bulk_update(rows, [field.name for field in varying], batch_size=500)
        return
    # PostgreSQL, one statement (one new version of each row): the shared values as parameters,
    # the others joined from arrays by primary key.
    quote = connection.ops.quote_name
    pk_field = meta.pk
    assert pk_field is not None
    assignments = [f"{quote(cast(str, field.column))} = %s" for field in constant.values()]
    params: list[Any] = [
        field.get_db_prep_save(getattr(rows[0], field.attname), connection) for field in constant.values()
    ]
    selects = [f"unnest(%s::{pk_field.db_type(connection)}[]) AS pk"]
    params.append(pks)
    for position, field in enumerate(varying):
        assignments.append(f"{quote(cast(str, field.column))} = v.c{position}")
        selects.append(f"unnest(%s::{field.db_type(connection)}[]) AS c{position}")
        params.append([field.get_db_prep_save(getattr(row, field.attname), connection) for row in rows])
    table = quote(meta.db_table)
    sql = (
        f"UPDATE {table} SET {', '.join(assignments)} FROM (SELECT {', '.join(selects)}) AS v "  # noqa: S608
        f"WHERE {table}.{quote(cast(str, pk_field.column))} = v.pk"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
