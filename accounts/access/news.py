"""News, pages, lifecycle and tira-dúvidas (SELF-4, SELF-7): who reads what, who edits.

- Every signed-in user reads published news, pages and events (they are the vendor's, not a
  company's); drafts, and news whose publication instant has not come, are for staff only
  (a client gets 404, exactly like a missing item).
- "Your products" are the products of the product lines of the companies the user acts for: a
  contact's own company, a partner consultant's served companies. Staff have every product.
- Staff (analysts and leaders) write news, pages, lifecycle rows and events in the back-office;
  leaders also remove them. Clients (contacts and partner consultants) register interest in events.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ForbiddenError
from news.models import NewsItem, Page
from tickets.models import Product

from .companies import companies_actable_by
from .roles import is_client, is_leader, is_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from ..models import User

    AnyUser = User | AnonymousUser


def news_visible_to(user: AnyUser | None, *, now: datetime | None = None) -> QuerySet[NewsItem]:
    if user is None or not user.is_authenticated or not user.is_active:
        return NewsItem.objects.none()
    if is_staff(user):
        return NewsItem.objects.all()
    return NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, published_at__lte=now or timezone.now())


def pages_visible_to(user: AnyUser | None) -> QuerySet[Page]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Page.objects.none()
    if is_staff(user):
        return Page.objects.all()
    return Page.objects.filter(is_published=True)


def news_products_of(user: AnyUser | None) -> QuerySet[Product]:
    """The user's products: those of the product lines of the companies they act for."""
    if is_staff(user):
        return Product.objects.all()
    companies = companies_actable_by(user)
    return Product.objects.filter(line__companies__in=companies).distinct()


def news_for_products_of(user: AnyUser | None) -> Q:
    """News about the user's products, or general news (without a product)."""
    if is_staff(user):
        return Q()
    return Q(product__isnull=True) | Q(product__in=news_products_of(user).values("pk"))


def may_edit_news(user: AnyUser | None) -> bool:
    """Write news, pages, lifecycle rows and events in the back-office."""
    return is_staff(user)


def may_delete_news(user: AnyUser | None) -> bool:
    return is_leader(user) and is_staff(user)


def require_news_editor(actor: AnyUser | None) -> None:
    if not may_edit_news(actor):
        raise ForbiddenError(_("Somente a equipe de atendimento publica novidades e páginas."))


def may_register_interest(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_active and is_client(user))


def require_interest_registrant(actor: AnyUser | None) -> None:
    if not may_register_interest(actor):
        raise ForbiddenError(
            _("O registro de interesse é para contatos de empresas clientes e consultores de parceiros.")
        )
