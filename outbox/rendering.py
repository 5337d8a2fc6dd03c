"""What an e-mail shows, stored as JSON and rendered when it is sent (OPS-2).

A periodic job records thousands of e-mails in one batch: it stores each one's template, language
and context (`context_to_json`), and the worker renders it at send time (`render`). The JSON keeps
what the templates need back in its type: instants (for the `date` filter), dates, decimals.
Lazy translations (a status label) are resolved in the recipient's language when stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise

_TAGS = ("$datetime", "$date", "$decimal")


def _encode(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):  # before `date`: a datetime is a date
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, Promise):
        return str(value)  # in the language active while encoding: the recipient's
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    raise TypeError(f"outbox: {type(value).__name__} cannot be stored in an e-mail's context")


def _decode(value: object) -> object:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, raw),) = value.items()
            if key == "$datetime":
                return parse_datetime(raw)
            if key == "$date":
                return parse_date(raw)
            if key == "$decimal":
                return Decimal(raw)
        return {key: _decode(item) for key, item in value.items()}
    return value


def context_to_json(context: Mapping[str, object], language: str) -> dict[str, object]:
    """The context as JSON values, lazy translations resolved in `language`."""
    with translation.override(language):
        encoded = _encode(context)
    assert isinstance(encoded, dict)
    return encoded


def context_from_json(data: Mapping[str, object]) -> dict[str, object]:
    decoded = _decode(dict(data))
    assert isinstance(decoded, dict)
    return decoded


@dataclass(frozen=True)
class Rendered:
    subject: str
    body_text: str
    body_html: str


def render(template: str, context: Mapping[str, object], language: str) -> Rendered:
    """`templates/emails/<template>_subject.txt`, `.txt` and `.html` in the recipient's language."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    return Rendered(" ".join(subject.split())[:250], body_text, body_html)
