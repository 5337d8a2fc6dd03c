"""Reads of the published solutions (SELF-3): the search of every company's solutions (at least
two meaningful words), the suggestions while a summary is typed, and what the publishing job
needs (the tickets closed as accepted still unpublished, with their accepted solution).

The search reads the anonymised texts only and never the ticket: no company, contact, number,
attachment or internal note can come out of it. Withheld solutions are never found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import Contact, User
from core import fulltext
from core.errors import DomainError
from tickets.models import Product, Ticket, TicketEvent

from .models import SEARCH_INDEX, Solution

S = Ticket.Status
MIN_WORDS = 2
# The matches ranked per search (see solutions_search): ranking every match of a common pair of
# words among a million solutions is what would make the search slow.
CANDIDATES = 1000
SUGGESTION_CANDIDATES = 200
RESULT_FIELDS = ("pk", "product__name", "routine__name", "problem", "solution", "closed_at")


def too_few_words_message() -> str:
    return _(
        "Descreva o problema com pelo menos duas palavras significativas, por exemplo "
        "“cálculo férias” ou “nota fiscal rejeitada”. Palavras como “de”, “o” e “para” não contam."
    )


def require_search_words(query: str) -> list[str]:
    """The meaningful words of the query; fewer than two is refused (400)."""
    terms = fulltext.words(query)
    if len(terms) < MIN_WORDS:
        raise DomainError(too_few_words_message(), code="too_few_words", field="q")
    return terms


def _visible(product_id: int | None) -> QuerySet[Solution]:
    queryset = Solution.objects.filter(withheld=False)
    if product_id is not None:
        queryset = queryset.filter(product_id=product_id)
    return queryset


def _with_snippets(queryset: QuerySet[Solution], query: str, *, words_around: int) -> QuerySet[Solution]:
    """Annotate `problem_snippet` and `solution_snippet` (highlighted extracts, computed per row shown)."""
    queryset = fulltext.with_snippet(queryset, SEARCH_INDEX, query, "problem", words_around=words_around)
    queryset = queryset.annotate(problem_snippet=F("search_snippet"))
    queryset = fulltext.with_snippet(queryset, SEARCH_INDEX, query, "solution", words_around=words_around)
    return queryset.annotate(solution_snippet=F("search_snippet"))


def solutions_search(
    query: str, *, product_id: int | None = None, candidates: int | None = None, every_match: bool = False
) -> QuerySet[Solution]:
    """The solutions of every company matching all the words of `query`, best first, with their
    highlighted snippets; refused (DomainError) with fewer than two meaningful words.

    Only the first `candidates` (CANDIDATES) matches the GIN index returns are ranked (every one
    with `every_match`, for the benchmark's comparison), so a pair of common words costs about
    the same at a million rows as at a thousand; every candidate holds all the words, and the
    rank orders them (the problem's words weigh more). Whole words (stems) are matched: prefixes
    of common words are five times slower at a million rows. The candidates are read by a query of
    their own: core.fulltext.search writes its condition on the table's name, so it cannot be a
    subquery (Django would alias the table)."""
    require_search_words(query)
    visible = _visible(product_id)
    if not every_match:
        matching = fulltext.search(visible, SEARCH_INDEX, query, prefix=False).order_by()
        ids = matching.values_list("pk", flat=True)[: candidates or CANDIDATES]
        chosen = Solution.objects.filter(pk__in=list(ids))
        found = fulltext.search(chosen, SEARCH_INDEX, query, prefix=False, matched=True)
    else:
        found = fulltext.search(visible, SEARCH_INDEX, query, prefix=False)
    return _with_snippets(found, query, words_around=30).select_related("product", "routine")


@dataclass(frozen=True)
class SolutionSuggestion:
    """A light row for the suggestions while a ticket's summary is typed."""

    pk: int
    product: str
    routine: str
    problem: SafeString
    solution: SafeString


def solution_suggestions(
    query: str, *, product_id: int | None = None, limit: int = 3
) -> list[SolutionSuggestion]:
    """The best published solutions for a summary being typed (any word, prefixes) among the first
    matches, in two queries; nothing for a query without a meaningful word."""
    if not fulltext.words(query) or limit <= 0:
        return []
    # As in the search: the first SUGGESTION_CANDIDATES matches are ranked, not every one (a word
    # being typed matches a large part of a million solutions).
    matching = fulltext.search(_visible(product_id), SEARCH_INDEX, query, any_word=True).order_by()
    ids = list(matching.values_list("pk", flat=True)[:SUGGESTION_CANDIDATES])
    chosen = Solution.objects.filter(pk__in=ids)
    found = fulltext.search(chosen, SEARCH_INDEX, query, any_word=True, matched=True)
    rows = (
        _with_snippets(found, query, words_around=12)
        .select_related("product", "routine")
        .only("pk", "product__name", "routine__name")[:limit]
    )
    return [
        SolutionSuggestion(
            pk=row.pk,
            product=row.product.name,
            routine=row.routine.name,
            problem=fulltext.highlight(getattr(row, "problem_snippet", "")),
            solution=fulltext.highlight(getattr(row, "solution_snippet", "")),
        )
        for row in rows
    ]


def solution_is_searchable(pk: int) -> bool:
    """Whether a published solution may be shown in the search (a deflection may cite it)."""
    return _visible(None).filter(pk=pk).exists()


def products_with_solutions() -> QuerySet[Product]:
    """The products offered by the search's filter: the active ones, by name."""
    return Product.objects.filter(is_active=True).order_by("name", "pk")


# --- What the publishing job reads ------------------------------------------------------------------


def accepted_closed_tickets() -> QuerySet[Ticket]:
    """Tickets closed as accepted (by the client, or when the acceptance window ended: the only
    way into "closed" is from "awaiting validation") that never got a follow-up."""
    accepted = TicketEvent.objects.filter(
        ticket=OuterRef("pk"),
        kind=TicketEvent.Kind.STATUS,
        from_value=S.AWAITING_VALIDATION,
        to_value=S.CLOSED,
    )
    follow_up = Ticket.objects.filter(follow_up_of=OuterRef("pk"))
    return Ticket.objects.filter(status=S.CLOSED, closed_at__isnull=False).filter(
        Exists(accepted), ~Exists(follow_up)
    )


def tickets_to_publish(limit: int, *, after: int = 0, ticket_id: int | None = None) -> list[Ticket]:
    """The next accepted-closed tickets without a published solution (by pk, after `after`; or
    just `ticket_id`), with their company and requester."""
    unpublished = accepted_closed_tickets().filter(~Exists(Solution.objects.filter(ticket=OuterRef("pk"))))
    if ticket_id is not None:
        unpublished = unpublished.filter(pk=ticket_id)
    if after:
        unpublished = unpublished.filter(pk__gt=after)
    return list(
        unpublished.select_related("company", "requester")
        .only(
            "pk",
            "number",
            "summary",
            "description",
            "product_id",
            "routine_id",
            "closed_at",
            "company__trade_name",
            "company__legal_name",
            "requester__full_name",
        )
        # by pk: a ticket closes once, and a newly closed one comes after those already done
        .order_by("pk")[:limit]
    )


def accepted_solutions_of(ticket_ids: Iterable[int]) -> dict[int, str]:
    """The solution each ticket's client accepted: the reason an analyst gave on the ticket's last
    move to "awaiting validation", in one query. A ticket moved there last by the system (the
    client never answered a pending question) has no solution to publish."""
    last: dict[int, tuple[int | None, str]] = {}
    events = (
        TicketEvent.objects.filter(
            ticket_id__in=list(ticket_ids), kind=TicketEvent.Kind.STATUS, to_value=S.AWAITING_VALIDATION
        )
        .order_by("ticket_id", "created_at", "pk")
        .values_list("ticket_id", "actor_id", "reason")
    )
    for ticket_id, actor_id, reason in events:
        last[ticket_id] = (actor_id, reason.strip())
    return {ticket_id: reason for ticket_id, (actor_id, reason) in last.items() if actor_id and reason}


def contact_names_of(company_ids: Iterable[int]) -> dict[int, list[str]]:
    """The full names of each company's contacts, in one query."""
    names: dict[int, list[str]] = {}
    rows = Contact.objects.filter(company_id__in=list(company_ids)).values_list(
        "company_id", "user__full_name"
    )
    for company_id, full_name in rows:
        names.setdefault(company_id, []).append(full_name)
    return names


def staff_names() -> list[str]:
    """The full names of every analyst and leader (active or not: old texts may name them)."""
    return list(
        User.objects.filter(role__in=(User.Role.ANALYST, User.Role.LEADER)).values_list(
            "full_name", flat=True
        )
    )
