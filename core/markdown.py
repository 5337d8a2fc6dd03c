"""Markdown written by staff (news, pages, knowledge-base articles), rendered safely (SELF-1, SELF-4).

Two locks, so that no raw HTML from an author ever reaches a page:
1. markdown-it-py in CommonMark mode with `html` off: an author's `<script>` or `<img onerror>` is
   written out as text, and its link validator drops `javascript:`, `vbscript:`, `file:` and
   `data:` links;
2. nh3 (ammonia) then keeps only the tags and attributes listed below and the URL schemes allowed,
   and gives every link `rel="noopener noreferrer"`.

The result is a `SafeString` a template prints as is.
"""

from __future__ import annotations

import re
from functools import cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"class"},
    "th": {"class"},
    "code": {"class"},
}
# Table cells keep only their alignment, as a class (markdown-it writes `style="text-align:…"`, which
# the Content-Security-Policy refuses); code blocks keep the fence's language class ("language-sql").
ALIGNED_CELL = re.compile(r'<(t[dh]) style="text-align:(left|center|right)">')
CELL_CLASSES = frozenset({"md-align-left", "md-align-center", "md-align-right"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Bootstrap's look for tables, whatever the author wrote.
TAG_ATTRIBUTES_SET = {"table": {"class": "table table-sm table-bordered"}}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _allowed_class(tag: str, name: str, value: str) -> str | None:
    if tag in ("td", "th") and name == "class":
        return value if value in CELL_CLASSES else None
    if tag == "code" and name == "class":
        languages = [word for word in value.split() if word.startswith("language-")]
        return " ".join(languages) or None
    return value


def render_markdown(text: str) -> SafeString:
    """The HTML of `text` (Markdown), with every tag, attribute and URL outside the lists above
    removed. An empty text renders as an empty string."""
    if not text or not text.strip():
        return mark_safe("")
    html = ALIGNED_CELL.sub(r'<\1 class="md-align-\2">', _parser().render(text))
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_allowed_class,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        set_tag_attribute_values=TAG_ATTRIBUTES_SET,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
