"""The main menu of every page (`{% nav_items %}`), rendered once per kind of visitor and place.

`portal/_nav_items.html` depends only on the language, who the visitor is (signed in, role, staff,
contact, company administrator), the menu's URLs and which of them the current path is or
contains: its HTML for one such combination is kept in the process and reused (the template cost
about 0.8 ms on every page). The URLs are reversed once per URL configuration and script prefix.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "portal/_nav_items.html"
URL_NAMES = (
    "home",
    "ticket-list",
    "consultancy-list",
    "chat-start",
    "kb-home",
    "kb-videos",
    "solution-search",
    "download-list",
    "news-list",
    "event-list",
    "lifecycle",
    "page-index",
    "holiday-calendar",
    "suggestion-list",
    "ombudsman-list",
    "company-detail",
    "contact-list",
    "chat-queue",
    "admin:index",
)
_MAX_ENTRIES = 2048  # visitor kinds x menu places x languages stay far below; a bound all the same
_urls: dict[tuple[object, ...], tuple[str, ...]] = {}
_html: dict[tuple[object, ...], SafeString] = {}


def _reverse(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # as `{% url ... as var %}`: an absent page is an absent entry
        return ""


def _menu_urls() -> tuple[str, ...]:
    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    urls = _urls.get(key)
    if urls is None:
        urls = _urls[key] = tuple(_reverse(name) for name in URL_NAMES)
    return urls


@register.simple_tag(takes_context=True)
def nav_items(context: template.Context) -> SafeString:
    request, user = context["request"], context["user"]
    urls = _menu_urls()
    path = request.path
    key: tuple[Any, ...] = (
        get_language(),
        user.is_authenticated,
        getattr(user, "role", None),
        user.is_staff,
        bool(context.get("current_contact")),
        bool(context.get("is_company_admin")),
        urls,
        tuple(url == path for url in urls),
        tuple(bool(url) and url in path for url in urls),
    )
    html = _html.get(key)
    if html is None:
        if len(_html) >= _MAX_ENTRIES:
            _html.clear()
        engine = context.template.engine if context.template else template.Engine.get_default()
        html = _html[key] = mark_safe(engine.get_template(TEMPLATE).render(context))  # noqa: S308
    return html
