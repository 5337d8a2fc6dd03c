"""Reads of a fixed shape compiled once per process and planned once per connection (speed).

On this project's hottest reads, compiling and planning cost more than running them: the ticket
page's ten-table read takes about 1.9 ms to compile in the ORM and 1 ms to plan in PostgreSQL, and
0.2 ms to run. `prepared_fetch` compiles a queryset once per shape and database, with markers in
place of the values that vary, and afterwards only swaps the values in, runs the SQL and builds
the instances the way the ORM does (`ModelIterable`: the same `from_db`, the same related
populators). On PostgreSQL the SQL is a server-side prepared statement of the connection
(`PREPARE`, sent with its first `EXECUTE` in one round trip): the server keeps its plan.

Rules a shape must follow (checked when it is compiled, else `ImproperlyConfigured`):
- the varying values are `int` or `str` and reach the SQL unchanged, one parameter each (an exact
  lookup on a key or a text column, not `contains`, `in` or a date cast);
- a `bool` value is a constant of the shape: each value compiles its own SQL;
- anything else that shapes the SQL (the related tables, the ordering) is in the `shape` key;
- no `prefetch_related`, no `values()`: model instances only.

With the setting `PREPARED_READS_CHECKED` (the test suite sets it), every call also compiles
`build(**values)` the ORM's way and fails unless it is the same SQL with the same parameters: a
shape key that misses something the read depends on fails the tests instead of serving another
shape's SQL.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
import threading
import weakref
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)
Value = int | str | bool

# Markers: ids no row has yet, inside PostgreSQL's integer range (Django drops an exact lookup on
# a value outside its column's range before it reaches the SQL: a small-integer column cannot take
# a marker).
_INT_MARKER = 2_100_000_000
_BIGINT = range(-(2**63), 2**63)


@dataclass(frozen=True)
class _Compiled:
    compiler: SQLCompiler
    sql: str
    statement: str  # PostgreSQL: the name its prepared statements start with
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (index in params, name of the value)
    start: int  # the model's own columns: row[start:end]
    end: int
    init_list: tuple[str, ...]
    populators: tuple[Any, ...]  # the related instances' (stateless once built)
    # Per connection (one a thread): the compiler bound to it and its value converters.
    readers: weakref.WeakKeyDictionary[Any, tuple[SQLCompiler, dict[int, Any]]] = field(
        default_factory=weakref.WeakKeyDictionary, compare=False
    )


_compiled: dict[Hashable, _Compiled] = {}
_lock = threading.Lock()
# PostgreSQL: the statements each open connection has prepared (base name -> name). A statement
# lives as long as its connection, whatever its transactions do; a connection Django replaces is a
# new one with none. A PREPARE that may have failed is retried under a new name, never reused.
_prepared: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()
_attempts = itertools.count()
_PLACEHOLDER = re.compile(r"%%|%s")


def _marker(index: int, name: str, value: object) -> object:
    if isinstance(value, bool):
        return value  # a constant of the shape
    if not isinstance(value, int | str):
        raise ImproperlyConfigured(
            f"prepared value {name!r} must be an int, a str or a bool, not {type(value).__name__}"
        )
    return _INT_MARKER + index if isinstance(value, int) else f"\x00prepared:{name}\x00"


def _compile(build: Callable[..., QuerySet[M]], values: Mapping[str, Value], using: str) -> _Compiled:
    given = {name: _marker(index, name, value) for index, (name, value) in enumerate(values.items())}
    markers = {name: marker for name, marker in given.items() if not isinstance(marker, bool)}
    queryset = build(**given)
    if getattr(queryset, "_prefetch_related_lookups", ()) or queryset._iterable_class is not ModelIterable:
        raise ImproperlyConfigured("a prepared read returns model instances, without prefetches")
    compiler = queryset.query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()
    except (EmptyResultSet, FullResultSet) as error:
        names = sorted(markers)
        raise ImproperlyConfigured(f"a prepared read's values must reach its SQL: {names}") from error
    by_marker = {marker: name for name, marker in markers.items()}
    slots = tuple(
        (index, by_marker[param])
        for index, param in enumerate(params)
        if isinstance(param, int | str) and not isinstance(param, bool) and param in by_marker
    )
    if sorted({name for _index, name in slots}) != sorted(markers):
        missing = sorted(set(markers) - {name for _index, name in slots})
        raise ImproperlyConfigured(f"prepared values not passed to the SQL unchanged: {missing}")
    if compiler.has_composite_fields([select[0] for select in compiler.select[: compiler.col_count]]):
        raise ImproperlyConfigured("a prepared read cannot select a composite key")
    select_fields = compiler.klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    init_list = tuple(column[0].target.attname for column in compiler.select[start:end])
    statement = "portal_" + hashlib.sha1(sql.encode(), usedforsecurity=False).hexdigest()[:16]
    # (django-stubs describe a later Django's signature, with a fetch mode.)
    populators = get_related_populators(compiler.klass_info, compiler.select, using)  # type: ignore[call-arg]
    return _Compiled(compiler, sql, statement, tuple(params), slots, start, end, init_list, tuple(populators))


def _reader(compiled: _Compiled, connection: Any) -> tuple[SQLCompiler, dict[int, Any]]:
    """The compiler kept from the first compilation, bound to this thread's connection, and the
    converters of its columns (what `results_iter` works out on every call), once a connection."""
    reader = compiled.readers.get(connection)
    if reader is None:
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection
        columns = [select[0] for select in compiler.select[: compiler.col_count]]
        reader = compiled.readers[connection] = (compiler, compiler.get_converters(columns))
    return reader


def _execute(connection: Any, cursor: Any, compiled: _Compiled, params: list[Any]) -> None:
    if connection.vendor != "postgresql":
        cursor.execute(compiled.sql, params)
        return
    statements = _prepared.setdefault(connection.connection, {})
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    name = statements.get(compiled.statement)
    if name is not None:
        cursor.execute(f"EXECUTE {name}{arguments}", params)
        return
    name = f"{compiled.statement}_{next(_attempts)}"
    numbers = itertools.count(1)
    # Django's placeholders become the statement's; its escaped "%%" stay for the driver.
    body = _PLACEHOLDER.sub(lambda match: match[0] if match[0] == "%%" else f"${next(numbers)}", compiled.sql)
    cursor.execute(f"PREPARE {name} AS {body}; EXECUTE {name}{arguments}", params)
    statements[compiled.statement] = name


def _check(shape: Hashable, queryset: QuerySet[Any], using: str, sql: str, params: list[Any]) -> None:
    expected_sql, expected_params = queryset.query.get_compiler(using=using).as_sql()
    if (expected_sql, list(expected_params)) != (sql, params):
        raise ImproperlyConfigured(
            f"prepared read {shape!r}: its shape key misses something the SQL depends on\n"
            f"kept: {sql} {params}\nnow:  {expected_sql} {list(expected_params)}"
        )


def prepared_fetch(
    shape: Hashable,
    build: Callable[..., QuerySet[M]],
    values: Mapping[str, Value],
    *,
    using: str = DEFAULT_DB_ALIAS,
) -> list[M]:
    """The instances `build(**values)` would return, without compiling it again.

    `shape` names everything that changes the SQL besides `values` (the caller's read and its
    options); the names and types of `values` are part of it too."""
    key = (
        using,
        shape,
        tuple((name, value if isinstance(value, bool) else type(value)) for name, value in values.items()),
    )
    compiled = _compiled.get(key)
    if compiled is None:
        with _lock:
            compiled = _compiled.get(key) or _compile(build, values, using)
            _compiled[key] = compiled
    if any(type(value) is int and value not in _BIGINT for value in values.values()):
        return []  # as the ORM: no row has an id outside the column's range
    params = list(compiled.params)
    for index, name in compiled.slots:
        params[index] = values[name]
    if getattr(settings, "PREPARED_READS_CHECKED", False):
        _check(shape, build(**values), using, compiled.sql, params)
    connection = connections[using]
    with connection.cursor() as cursor:
        _execute(connection, cursor, compiled, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    # Converted and described as `ModelIterable` does.
    compiler, converters = _reader(compiled, connection)
    if compiler.has_extra_select:
        rows = [row[: compiler.col_count] for row in rows]
    model = compiler.klass_info["model"]
    annotations = compiler.annotation_col_map or {}
    found: list[M] = []
    for row in compiler.apply_converters(rows, converters) if converters else rows:
        instance = model.from_db(using, compiled.init_list, row[compiled.start : compiled.end])
        for populator in compiled.populators:
            populator.populate(row, instance)
        for name, position in annotations.items():
            setattr(instance, name, row[position])
        found.append(instance)
    return found
