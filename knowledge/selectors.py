"""Reads of the knowledge base (SELF-1, SELF-2, SELF-7): search with ranked, highlighted snippets,
the newest and most read articles, related articles, suggestions while a ticket is typed, the video
catalogue and the leaders' count of tickets not opened. Every list takes a constant number of
queries; every read starts from what the user may see (`accounts.access`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import TruncMonth

from accounts import access
from accounts.models import User
from core import fulltext
from core.ids import as_id
from core.periods import SAO_PAULO
from solutions import selectors as solutions_selectors
from solutions.selectors import SolutionSuggestion

from .models import ARTICLE_INDEX, Article, ArticleFeedback, Deflection

SUGGESTIONS = 5
# The matches ranked per search / per suggestion list (see _best_matches).
CANDIDATES = 1000
SUGGESTION_CANDIDATES = 200
MIN_SUGGESTION_CHARS = 3
LIST_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "published_at",
    "updated_at",
    "view_count",
    "status",
    "product__name",
    "routine__name",
)


def searchable(query: str) -> bool:
    """Whether the query has a word to look for (two letters or more, not a stop word)."""
    return bool(fulltext.words(query))


def _listed(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.select_related("product", "routine").only(*LIST_FIELDS)


def articles_filtered(
    user: User,
    *,
    kind: str = "",
    product_id: int | None = None,
    routine_id: int | None = None,
) -> QuerySet[Article]:
    queryset = access.articles_visible_to(user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if product_id is not None:
        queryset = queryset.filter(product_id=product_id)
    if routine_id is not None:
        queryset = queryset.filter(routine_id=routine_id)
    return queryset


def articles_search(
    user: User,
    query: str,
    *,
    kind: str = "",
    product_id: int | None = None,
    routine_id: int | None = None,
) -> QuerySet[Article]:
    """The articles matching every word of `query`, best first, each with `search_snippet` (a
    highlighted extract of its text: `fulltext.highlight`). Without a query: newest first."""
    queryset = articles_filtered(user, kind=kind, product_id=product_id, routine_id=routine_id)
    if not query.strip():
        return _listed(queryset).order_by("-published_at", "-pk")
    found = _best_matches(queryset, query, any_word=False, candidates=CANDIDATES)
    return fulltext.with_snippet(found, ARTICLE_INDEX, query, "body_text")


def _best_matches(
    queryset: QuerySet[Article], query: str, *, any_word: bool, candidates: int
) -> QuerySet[Article]:
    """The matches of `query` among the first `candidates` the index returns, ranked: ranking every
    match of a common word costs in proportion to the table (as in the solutions search). The
    candidates are read by a query of their own (core.fulltext.search cannot be a subquery)."""
    matching = fulltext.search(queryset, ARTICLE_INDEX, query, any_word=any_word).order_by()
    ids = list(matching.values_list("pk", flat=True)[:candidates])
    chosen = _listed(Article.objects.filter(pk__in=ids))
    return fulltext.search(chosen, ARTICLE_INDEX, query, any_word=any_word, matched=True)


class _KnownCountPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count (read with the page's rows, by a window function)."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__([], per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


# Past it a page number is past the last page anyway (and its offset would not fit the database's integer).
MAX_PAGE = 1_000_000


def page_of(queryset: QuerySet[Article], number: str | None, size: int) -> Page:  # type: ignore[type-arg]
    """One page of results and their total in one query (`COUNT(*) OVER ()`): the matches are read
    once, not once for the count and again for the page. Past the last page: the last one."""
    wanted = min(as_id(number) or 1, MAX_PAGE)
    counted = queryset.annotate(search_total=Window(Count("pk")))
    rows = list(counted[(wanted - 1) * size : wanted * size])
    if not rows and wanted > 1:
        total = queryset.count()
        wanted = max(1, -(-total // size))
        rows = list(counted[(wanted - 1) * size : wanted * size])
    total = rows[0].search_total if rows else 0
    paginator = _KnownCountPaginator(total, size)
    return Page(rows, wanted, paginator)


def articles_newest(user: User, limit: int = 6) -> list[Article]:
    published = access.articles_visible_to(user).filter(status=Article.Status.PUBLISHED)
    return list(_listed(published).order_by("-published_at", "-pk")[:limit])


def articles_most_viewed(user: User, limit: int = 6) -> list[Article]:
    published = access.articles_visible_to(user).filter(status=Article.Status.PUBLISHED)
    return list(_listed(published).order_by("-view_count", "-pk")[:limit])


def articles_related(user: User, article: Article, limit: int = 5) -> list[Article]:
    """The author's choice when there is one; otherwise the published articles of the same routine
    (else product) nearest to its title."""
    published = (
        access.articles_visible_to(user).filter(status=Article.Status.PUBLISHED).exclude(pk=article.pk)
    )
    chosen = list(_listed(published.filter(pk__in=article.related.values("pk"))).order_by("title")[:limit])
    if chosen:
        return chosen
    same_product = Q(product__isnull=True) if article.product_id is None else Q(product_id=article.product_id)
    if article.routine_id is not None:
        same_product |= Q(routine_id=article.routine_id)
    near = published.filter(same_product)
    ranked = fulltext.search(_listed(near), ARTICLE_INDEX, article.title, any_word=True)
    return list(ranked[:limit])


def article_suggestions(
    user: User, query: str, *, product_id: int | None = None, limit: int = SUGGESTIONS
) -> list[Article]:
    """Published articles for a new ticket's summary (SELF-2): of the chosen product or general, those
    matching every word first, then (when fewer than `limit`) the best matching any of them. Two
    queries (candidates, then their rank and snippets), four when the first list is not full."""
    if len(query.strip()) < MIN_SUGGESTION_CHARS or not searchable(query):
        return []
    published = access.articles_visible_to(user).filter(status=Article.Status.PUBLISHED)
    if product_id is not None:
        published = published.filter(Q(product_id=product_id) | Q(product__isnull=True))
    base = _listed(published)

    def best(queryset: QuerySet[Article], any_word: bool, n: int) -> list[Article]:
        found = _best_matches(queryset, query, any_word=any_word, candidates=SUGGESTION_CANDIDATES)
        return list(fulltext.with_snippet(found, ARTICLE_INDEX, query, "body_text", words_around=16)[:n])

    rows = best(base, False, limit)
    if len(rows) < limit and len(fulltext.words(query)) > 1:
        rows += best(base.exclude(pk__in=[row.pk for row in rows]), True, limit - len(rows))
    return rows


def solution_suggestions(
    query: str, *, product_id: int | None = None, limit: int = SUGGESTIONS
) -> list[SolutionSuggestion]:
    """Published solutions of solved tickets (anonymised, from every company: app `solutions`,
    SELF-3) for a new ticket's summary; none under three letters."""
    if len(query.strip()) < MIN_SUGGESTION_CHARS or not searchable(query):
        return []
    return solutions_selectors.solution_suggestions(query, product_id=product_id, limit=limit)


def videos_catalogue(user: User) -> QuerySet[Article]:
    """The published video articles, by product (general ones last), then title."""
    videos = access.articles_visible_to(user).filter(status=Article.Status.PUBLISHED, kind=Article.Kind.VIDEO)
    return (
        videos.select_related("product", "routine")
        .only(*LIST_FIELDS, "video", "video_type")
        .order_by(F("product__name").asc(nulls_last=True), "title", "pk")
    )


def feedback_of(user: User, article: Article) -> ArticleFeedback | None:
    return ArticleFeedback.objects.filter(article=article, user=user).first()


# --- Tickets not opened (leaders) ----------------------------------------------------------------


@dataclass(frozen=True)
class DeflectionReport:
    start: date
    end: date
    total: int
    by_product: list[dict[str, Any]]
    by_month: list[dict[str, Any]]
    top_articles: list[dict[str, Any]]


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SAO_PAULO)


def deflection_report(start: date, end: date) -> DeflectionReport:
    """Deflections from `start` to `end` (inclusive, Brasília days): per product, per month and the
    articles that solved most. Four queries whatever the volume."""
    rows = Deflection.objects.filter(
        created_at__gte=_local_midnight(start), created_at__lt=_local_midnight(end + timedelta(days=1))
    )
    by_product: list[dict[str, Any]] = [
        dict(row)
        for row in (
            rows.values("product_id", "product__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "product__name")
        )
    ]
    by_month: list[dict[str, Any]] = [
        dict(row)
        for row in (
            rows.annotate(month=TruncMonth("created_at", tzinfo=SAO_PAULO))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("month")
        )
    ]
    top_articles: list[dict[str, Any]] = [
        dict(row)
        for row in (
            rows.filter(article__isnull=False)
            .values("article_id", "article__title", "article__slug")
            .annotate(count=Count("pk"))
            .order_by("-count", "article__title")[:10]
        )
    ]
    return DeflectionReport(
        start=start,
        end=end,
        total=rows.count(),
        by_product=by_product,
        by_month=by_month,
        top_articles=top_articles,
    )
