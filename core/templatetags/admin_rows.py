"""`{% fast_result_list cl %}`: Django's `{% result_list cl %}` with the rows of `core.admin_rows`."""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.views.main import ChangeList
from django.template.base import Parser, Token

from core.admin_rows import fast_rows

register = template.Library()


def fast_result_list(cl: ChangeList) -> dict[str, Any]:
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": list(fast_rows(cl)),
    }


@register.tag(name="fast_result_list")
def fast_result_list_tag(parser: Parser, token: Token) -> InclusionAdminNode:
    # django-stubs declare a leading `name` argument Django 5.2 does not take.
    node: Any = InclusionAdminNode
    template = "change_list_results.html"
    built = node(parser, token, func=fast_result_list, template_name=template, takes_context=False)
    return cast(InclusionAdminNode, built)
