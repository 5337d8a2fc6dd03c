"""The suggestion channel (SELF-5): which suggestions a user may read and support.

A client sees the suggestions of the products their company uses (a partner consultant, those of
the companies their unit serves); a suggestion of any other product is *not found*, like a missing
one. Who proposed or supports a suggestion is never part of what a client reads: only whether it
is their own (or their company's) and whether they support it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.errors import ConflictError, ForbiddenError, NotFoundError
from core.ids import as_id
from ideas.models import Suggestion
from tickets.models import Product

from ..models import ProductLine, User
from .companies import companies_actable_by
from .roles import contact_of, is_client, is_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


def suggestion_products_of(user: AnyUser | None) -> QuerySet[Product]:
    """The active products whose suggestions the user may read and propose: staff every one; a
    client those of the product lines their company (or their unit's companies) contracted."""
    products = Product.objects.filter(is_active=True)
    if is_staff(user):
        return products
    lines = ProductLine.objects.filter(companies__in=companies_actable_by(user)).values("pk")
    return products.filter(line_id__in=lines)


def suggestions_visible_to(user: AnyUser | None) -> QuerySet[Suggestion]:
    """Staff: every suggestion. A client: those of the product lines their company contracted."""
    if is_staff(user):
        return Suggestion.objects.all()
    if not is_client(user):
        return Suggestion.objects.none()
    lines = ProductLine.objects.filter(companies__in=companies_actable_by(user)).values("pk")
    return Suggestion.objects.filter(product__line_id__in=lines)


def access_suggestion(user: AnyUser | None, pk: object) -> Suggestion:
    """One suggestion the user may read (404 otherwise, TEN-2)."""
    if (number := as_id(pk)) is None:
        raise NotFoundError
    suggestion = suggestions_visible_to(user).select_related("product").filter(pk=number).first()
    if suggestion is None:
        raise NotFoundError
    return suggestion


def own_suggestion_q(user: AnyUser | None) -> Q:
    """The suggestions that are the user's: proposed by them or by their company."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    own = Q(proposer_id=user.pk)
    contact = contact_of(user)
    if contact is not None:
        own |= Q(company_id=contact.company_id)
    return own


def require_suggestion_client(user: AnyUser | None) -> None:
    """Suggestions are proposed and supported by active client contacts and partner consultants."""
    if not (is_client(user) and user is not None and user.is_active):
        raise ForbiddenError(_("Somente clientes propõem e apoiam sugestões."))


def require_may_support(user: AnyUser | None, suggestion: Suggestion) -> None:
    """Anyone of the product's clients but the proposer, while the suggestion is still open."""
    require_suggestion_client(user)
    if user is not None and suggestion.proposer_id == user.pk:
        raise ConflictError(
            _("Você propôs esta sugestão: o apoio é dos outros clientes do produto."), code="own_suggestion"
        )
    if suggestion.is_final:
        raise ConflictError(
            _("Esta sugestão já foi concluída e não recebe mais apoios."), code="suggestion_final"
        )
