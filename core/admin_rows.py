"""The rows of a back-office list, built once per page instead of once per cell.

Django's `result_list` looks every cell up through `lookup_field`, renders the action checkbox
through the form renderer's template, reverses the change URL for each link column and adds the
preserved filters to it, and the template then renders each cell on its own: on the ticket queue
that was half of the page's time. `fast_rows` yields the same HTML (`tests/core/test_admin_rows.py`
compares it with Django's, cell by cell) with what every row shares computed once: the checkbox's
label, the change URL's pattern and its filters, the empty value, which columns are links, which
are model fields. Lists with editable columns or in a popup keep Django's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from typing import Any, cast

from django.contrib.admin import helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.templatetags.admin_list import ResultList, results
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    display_for_field,
    display_for_value,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

_PK = "__pk__"
# Django's own label for the checkbox (its admin catalogue translates it; not one of ours).
_CHECKBOX_LABEL = "Select this object for an action - {}"


def _cell(cl: ChangeList, field_name: Any, index: int) -> Callable[[Any], tuple[str, SafeString]]:
    """The function giving a column's (classes, escaped value) for one object."""
    admin = cl.model_admin
    empty = admin.get_empty_value_display()
    name = field_name if isinstance(field_name, str) else getattr(field_name, "__name__", str(index))
    if field_name == "action_checkbox":
        label = gettext(_CHECKBOX_LABEL)

        def checkbox(obj: Any) -> tuple[str, SafeString]:
            return "action-checkbox", format_html(
                '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
                helpers.ACTION_CHECKBOX_NAME,
                str(obj.pk),
                format_html(label, str(obj)),
            )

        return checkbox
    field: models.Field[Any, Any] | None
    try:  # what `lookup_field` takes for a model field
        found = admin_utils._get_non_gfk_field(cl.lookup_opts, field_name)  # type: ignore[attr-defined]
        field = cast("models.Field[Any, Any]", found)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName, TypeError):
        field = None
    if field is not None and not field.auto_created:
        classes = f"field-{name}"
        if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
            classes += " nowrap"
        if isinstance(field.remote_field, models.ManyToOneRel):

            def related(obj: Any) -> tuple[str, SafeString]:
                value = getattr(obj, field.name)
                return classes, conditional_escape(empty if value is None else value)

            return related
        avoid_link = field_name in (cl.list_display_links or ())

        def plain(obj: Any) -> tuple[str, SafeString]:
            value = getattr(obj, field.name)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            return classes, conditional_escape(display_for_field(value, field, empty, avoid_link=avoid_link))

        return plain
    if callable(field_name):
        attr, on_admin = field_name, True
    elif hasattr(admin, field_name) and field_name != "__str__":
        attr, on_admin = getattr(admin, field_name), True
    else:  # a model attribute, property or method (`lookup_field`'s last case)
        attr, on_admin = getattr(cl.model, field_name), False
    described = attr.fget if isinstance(attr, property) else attr
    method_empty = getattr(described, "empty_value_display", empty)
    boolean = getattr(described, "boolean", False)

    def computed(obj: Any) -> tuple[str, SafeString]:
        if on_admin:
            value = attr(obj)
        else:
            value = getattr(obj, field_name)
            value = value() if callable(value) else value
        if isinstance(value, str) and value.strip() == "":
            value = ""
        classes = f"field-{name}"
        if isinstance(value, date | time):
            classes += " nowrap"
        return classes, conditional_escape(display_for_value(value, method_empty, boolean))

    return computed


def fast_rows(cl: ChangeList) -> Iterator[ResultList]:
    """The changelist's rows, each one SafeString of its cells (see the module's docstring)."""
    if getattr(cl, "formset", None) or cl.is_popup or cl.to_field:
        yield from results(cl)
        return
    opts = cl.opts
    site = cl.model_admin.admin_site.name
    pattern = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(_PK,), current_app=site)
    pattern = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": opts}, pattern)
    links = cl.list_display_links
    cells = []
    first_link = True
    for index, field_name in enumerate(cl.list_display):
        linked = bool(links) and field_name in links
        tag = "th" if linked and first_link else "td"
        first_link = first_link and not linked
        cells.append((_cell(cl, field_name, index), tag, linked))
    for obj in cl.result_list:
        url = pattern.replace(_PK, str(quote(obj.pk)), 1)
        parts = []
        for cell, tag, linked in cells:
            classes, value = cell(obj)
            if linked:
                value = format_html('<a href="{}">{}</a>', url, value)
            parts.append(f'<{tag} class="{classes}">{value}</{tag}>')
        yield ResultList(None, [mark_safe("".join(parts))])  # noqa: S308 - every part escaped above
