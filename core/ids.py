"""Primary keys from the outside (URLs, query strings, forms, JSON), read one way everywhere.

An id is a run of ASCII digits worth at most 2**63 - 1 (what a BigAutoField holds): `str.isdigit()`
also accepts "²" or "①", which `int()` refuses, and a longer number overflows the database's
integer. Anything else is "no id" (a filter is ignored, an object is not found), never a 500.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField can hold
_ID = re.compile(r"[0-9]{1,19}")


def as_id(value: object) -> int | None:
    """A primary key from an int (a JSON number) or a string of ASCII digits; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ID.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: Django's `<int:pk>` matches any run of digits, and one too long
    for the database's integer made the lookup fail instead of answering 404. Up to 18 digits: a
    longer address matches no pattern (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def id_field(**kwargs: object) -> serializers.IntegerField:
    """An API parameter or field holding a primary key: a number the database can hold."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)  # type: ignore[arg-type]


class IdRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """A JSON field naming an object by its id: DRF's took 1.5 or true for 1 (the database's
    integer lookup rounds), and answered "Invalid pk" jargon."""

    default_error_messages = {
        "does_not_exist": _("Nenhum item com o código {pk_value}."),
        "incorrect_type": _("Informe o código (um número inteiro) de um item da lista."),
    }

    def to_internal_value(self, data: object) -> object:
        if as_id(data) is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)
