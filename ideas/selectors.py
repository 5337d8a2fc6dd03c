"""Reads of the suggestion channel (SELF-5), scoped by accounts.access: the list with its filters
and orders, one suggestion with its history. Each row says whether it is the user's own (or their
company's) and whether the user supports it, never who proposed or supports it."""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, QuerySet

from accounts import access
from accounts.models import User

from .models import Suggestion, SuggestionStatusChange, SuggestionSupport

ORDERS = {
    "apoios": ("-support_count", "-created_at", "-pk"),
    "recentes": ("-created_at", "-pk"),
}
DEFAULT_ORDER = "apoios"


def _annotated(user: User, queryset: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return queryset.select_related("product").annotate(
        is_mine=ExpressionWrapper(access.own_suggestion_q(user), output_field=BooleanField()),
        supported=Exists(SuggestionSupport.objects.filter(suggestion=OuterRef("pk"), user_id=user.pk)),
    )


def suggestions_list(
    user: User,
    *,
    product_id: int | None = None,
    status: str = "",
    query: str = "",
    order: str = DEFAULT_ORDER,
) -> QuerySet[Suggestion]:
    """The suggestions the user may read, filtered by product, status and words of the title."""
    queryset = access.suggestions_visible_to(user)
    if product_id is not None:
        queryset = queryset.filter(product_id=product_id)
    if status in Suggestion.Status.values:
        queryset = queryset.filter(status=status)
    for word in query.split()[:8]:
        queryset = queryset.filter(title__icontains=word)
    return _annotated(user, queryset).order_by(*ORDERS.get(order, ORDERS[DEFAULT_ORDER]))


def suggestion_detail(user: User, pk: object) -> Suggestion:
    """One suggestion the user may read (404 otherwise), with `is_mine` and `supported`."""
    suggestion = access.access_suggestion(user, pk)
    return _annotated(user, Suggestion.objects.filter(pk=suggestion.pk)).get()


def suggestion_history(suggestion: Suggestion) -> QuerySet[SuggestionStatusChange]:
    """The status changes, oldest first (who made them is the back-office's)."""
    return SuggestionStatusChange.objects.filter(suggestion=suggestion).order_by("created_at", "pk")
