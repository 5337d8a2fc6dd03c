"""Ticket reads a user triggers, scoped to what that user may see (TEN-2, TEN-3, ACC-3).

Another company's ticket is *not found*, exactly like a missing one. Lists select their related
rows up front so a page costs the same number of queries whatever its size.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accounts import access
from accounts.models import Company, User
from core.prepared import prepared_fetch
from core.search import contains_folded_q

from .models import Attachment, Message, Product, ProductVersion, Routine, Ticket, TicketEvent, TicketSeen
from .models.ticket import SLA_STATE_FIELDS

NUMBER_TYPED = re.compile(r"[\d.\s]+")


def ticket_number_in(term: str) -> str | None:
    """The 8-digit ticket number a search term is (TKT-4), typed with or without spaces or dots
    (as read over the phone, CHN-2), or None."""
    term = term.strip()
    digits = re.sub(r"\D", "", term)
    return digits if len(digits) == 8 and NUMBER_TYPED.fullmatch(term) else None


# What the API's list and the home's latest tickets show with each ticket. Not its calendar
# snapshot: a list never recomputes deadlines, and psycopg2 decoded the snapshot's JSON once per row.
LIST_RELATED = ("company", "product", "team", "assignee", "requester")


def tickets_list(
    user: User,
    *,
    scope: str = "",
    status: str = "",
    severity: str = "",
    kind: str = "",
    search: str = "",
    open_only: bool = False,
) -> QuerySet[Ticket]:
    """The portal's and the API's ticket list with its filters. `scope="mine"` keeps the user's own."""
    queryset = access.tickets_visible_to(user).select_related(*LIST_RELATED)
    if scope == "mine":
        queryset = queryset.filter(requester=user)
    if status in Ticket.Status.values:
        queryset = queryset.filter(status=status)
    elif open_only:
        queryset = queryset.exclude(status=Ticket.Status.CLOSED)
    if severity:
        queryset = queryset.filter(severity=severity)
    if kind in Ticket.Kind.values:
        queryset = queryset.filter(kind=kind)
    search = search.strip()
    if search:
        if number := ticket_number_in(search):
            queryset = queryset.filter(number=number)
        else:
            queryset, words = contains_folded_q(queryset, ("summary",), search)
            queryset = queryset.filter(words | Q(number__startswith=search))
    return queryset.order_by("-created_at", "-pk")


# What the portal's ticket table shows (templates/tickets/_ticket_table.html), the SLA forecast's
# stored fields included: rows of ~0.5 kB instead of every column of the ticket and its joins.
LIST_PAGE_COLUMNS = (
    *SLA_STATE_FIELDS,
    "number",
    "summary",
    "kind",
    "severity",
    "created_at",
    "company",
    "company__trade_name",
    "product",
    "product__name",
)


def tickets_list_page(queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """`tickets_list` narrowed to the columns of the portal's table and the home's latest tickets
    (the API keeps its own)."""
    return queryset.select_related(None).select_related("company", "product").only(*LIST_PAGE_COLUMNS)


def ticket_messages(user: User, ticket: Ticket) -> QuerySet[Message]:
    """The timeline's messages; internal notes only for staff (TKT-7)."""
    return (
        access.messages_visible_to(user, ticket)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "pk")))
        .order_by("created_at", "pk")
    )


def ticket_events(user: User, ticket: Ticket) -> list[TicketEvent]:
    """The ticket's history the user may read, oldest first (TKT-6). Read on every ticket page:
    prepared (`core.prepared`) per kind of reader, the one thing its visibility depends on."""
    return prepared_fetch(
        ("ticket_events", access.is_staff(user)),
        lambda ticket_id: (
            access.events_visible_to(user, ticket_id).select_related("actor").order_by("created_at", "pk")
        ),
        {"ticket_id": ticket.pk},
    )


@dataclass(frozen=True)
class Conversation:
    """What a ticket's page shows of its messages: those the user may read, oldest first, the
    files of each (`files_by_message`) and the files sent when the ticket was opened."""

    messages: list[Message]
    files_by_message: dict[int, list[Attachment]]
    opening_files: list[Attachment]


def ticket_conversation(user: User, ticket: Ticket) -> Conversation:
    """The messages the user may read (internal notes only for staff, TKT-7), the files of each
    and the opening's. Both reads are prepared (`core.prepared`): the messages per kind of
    reader; the ticket's files all, those of a message the user may not read left out here."""
    messages = prepared_fetch(
        ("ticket_messages", access.sees_internal_notes(user)),
        lambda ticket_id: (
            access.messages_visible_to(user, ticket_id).select_related("author").order_by("created_at", "pk")
        ),
        {"ticket_id": ticket.pk},
    )
    readable = {message.pk for message in messages}
    files = prepared_fetch(
        "ticket_files",
        lambda ticket_id: Attachment.objects.filter(ticket_id=ticket_id).order_by("created_at", "pk"),
        {"ticket_id": ticket.pk},
    )
    by_message: dict[int, list[Attachment]] = {}
    opening: list[Attachment] = []
    for file in files:
        if file.message_id is None:
            opening.append(file)
        elif file.message_id in readable:
            by_message.setdefault(file.message_id, []).append(file)
    return Conversation(messages, by_message, opening)


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return {word for word in re.findall(r"[a-z0-9]+", plain) if len(word) > 2 and word not in _STOPWORDS}


_STOPWORDS = frozenset(
    """com sem para por que nao uma uns umas dos das nos nas ele ela sao esta este essa esse isso
    ao aos mais menos como quando onde erro problema the and""".split()
)


def tickets_similar_open(
    user: User, *, company_id: int, summary: str, product_id: int | None = None, limit: int = 5
) -> list[Ticket]:
    """TKT-1: open tickets of the same company that look like the same occurrence.

    Only tickets the user may see are offered (a contact without "see all" is warned about their
    own). Similar means sharing at least half of the meaningful words of the shorter summary.
    """
    wanted = _words(summary)
    if len(wanted) < 2:
        return []
    candidates = (
        access.tickets_visible_to(user)
        .filter(company_id=company_id)
        .exclude(status=Ticket.Status.CLOSED)
        .only("number", "summary", "status", "created_at", "product_id")
        .order_by("-created_at")[:300]
    )
    scored: list[tuple[float, Ticket]] = []
    for ticket in candidates:
        words = _words(ticket.summary)
        if not words:
            continue
        score = len(wanted & words) / min(len(wanted), len(words))
        if product_id and ticket.product_id == product_id:
            score += 0.1
        if score >= 0.5:
            scored.append((score, ticket))
    scored.sort(key=lambda item: (-item[0], -item[1].created_at.timestamp()))
    return [ticket for _score, ticket in scored[:limit]]


def catalogue_products(company_id: int | None) -> QuerySet[Product]:
    queryset = Product.objects.filter(is_active=True).select_related("line")
    if company_id is not None:
        queryset = queryset.filter(line__companies__id=company_id)
    return queryset.order_by("name")


def catalogue_products_for(user: User, company: Company | None = None) -> QuerySet[Product]:
    """The products a user may open tickets for (TKT-2): those of `company` (one the user may act
    for), else of every company the user may act for; staff see the whole catalogue."""
    if company is not None:
        return catalogue_products(company.pk)
    if access.is_staff(user):
        return catalogue_products(None)
    contact = access.contact_of(user)
    if contact is not None:
        return catalogue_products(contact.company_id)
    companies = access.companies_actable_by(user)
    return catalogue_products(None).filter(line__companies__in=companies).distinct()


def catalogue_routines(product_id: int | str) -> QuerySet[Routine]:  # str: a query string's digits
    return Routine.objects.filter(product_id=product_id, is_active=True, product__is_active=True).order_by(
        "name"
    )


def catalogue_versions(product_id: int | str) -> QuerySet[ProductVersion]:
    return ProductVersion.objects.filter(
        product_id=product_id, is_active=True, product__is_active=True
    ).order_by("-name")


def tickets_with_news(queryset: QuerySet[Ticket], user: User) -> QuerySet[Ticket]:
    """`has_news` on each ticket: a public message or a status change by someone else (the system
    included) since `user` last opened its page, or since its opening when never opened. Two
    EXISTS subqueries in the same query: a page's cost does not grow with its tickets."""
    seen = TicketSeen.objects.filter(user=user, ticket=OuterRef("pk")).values("seen_at")[:1]
    queryset = queryset.annotate(news_since=Coalesce(Subquery(seen), "created_at"))
    messages = Message.objects.filter(
        ticket=OuterRef("pk"), is_internal=False, created_at__gt=OuterRef("news_since")
    ).exclude(author=user)
    events = TicketEvent.objects.filter(
        ticket=OuterRef("pk"), kind=TicketEvent.Kind.STATUS, created_at__gt=OuterRef("news_since")
    ).exclude(actor=user)
    return queryset.annotate(has_news=Exists(messages) | Exists(events))


WAITING_ON_CLIENT = (Ticket.Status.PENDING_CLIENT, Ticket.Status.AWAITING_VALIDATION)


def tickets_waiting_first(queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """The tickets that wait for the client (data asked, a solution to validate) first, then the newest."""
    waiting = Case(
        When(status__in=WAITING_ON_CLIENT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(waiting_rank=waiting).order_by("waiting_rank", "-created_at", "-pk")
