"""Accent- and case-insensitive substring search on both databases ("ferias" finds "Férias").

`contains_folded(queryset, fields, term)` keeps the rows where any of the fields contains the term,
ignoring accents and case: PostgreSQL compares `unaccent(field)` (the extension is created by a core
migration); SQLite calls a Python function of the same name registered on every new connection.
Used by the ticket lists and the back-office searches where people type names and words; word search
with stemming lives in `core.fulltext`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.db.backends.signals import connection_created
from django.db.models import Func, Model, Q, QuerySet, TextField

from .fulltext import fold

M = TypeVar("M", bound=Model)


DIGITS_TYPED = re.compile(r"[\d./\-\s]+")


def typed_digits(term: str, *, minimum: int = 4) -> str | None:
    """The digits of a term typed as a number (a CNPJ or CPF, whole or partial, formatted or not:
    digits, dots, slashes, dashes, spaces), or None when it is words or too short."""
    term = term.strip()
    digits = re.sub(r"\D", "", term)
    return digits if len(digits) >= minimum and DIGITS_TYPED.fullmatch(term) else None


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def contains_folded_q(queryset: QuerySet[M], fields: Sequence[str], term: str) -> tuple[QuerySet[M], Q]:
    """The queryset with one folded alias per field, and the condition "any of them contains the term"
    (to be OR-ed with other conditions, such as a number prefix)."""
    folded = fold(term.strip())
    aliases = {f"_folded_{field.replace('__', '_')}": Unaccent(field) for field in fields}
    condition = reduce(or_, (Q(**{f"{alias}__icontains": folded}) for alias in aliases))
    return queryset.alias(**aliases), condition


def contains_folded(queryset: QuerySet[M], fields: Sequence[str], term: str) -> QuerySet[M]:
    queryset, condition = contains_folded_q(queryset, fields, term)
    return queryset.filter(condition)


def _register_sqlite_unaccent(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "unaccent", 1, lambda value: None if value is None else fold(value), deterministic=True
        )


connection_created.connect(_register_sqlite_unaccent, dispatch_uid="core.search.sqlite_unaccent")
