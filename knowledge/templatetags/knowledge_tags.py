"""Template filters of the knowledge base: a search snippet as safe HTML, an article kind's icon."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core import fulltext

register = template.Library()

KIND_ICONS = {
    "faq": "bi-question-circle",
    "howto": "bi-list-check",
    "known_issue": "bi-exclamation-diamond",
    "video": "bi-play-btn",
}


@register.filter
def kb_snippet(snippet: str | None) -> SafeString:
    """The highlighted extract: the text escaped, the words found inside <mark>."""
    return fulltext.highlight(snippet)


@register.filter
def kb_icon(kind: str) -> str:
    return KIND_ICONS.get(kind, "bi-file-text")
