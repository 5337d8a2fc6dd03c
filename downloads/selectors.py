"""Reads of the download centre a user triggers (SELF-6), scoped by `accounts.access`.

The list selects its product and version with each package, and counts downloads in the same
query for staff, so a page costs the same number of queries whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from accounts import access
from accounts.models import User
from tickets.models import Product, ProductVersion

from .models import Package, search_key

MAX_WORDS = 8


@dataclass(frozen=True)
class PackageFilters:
    product_id: int | None = None
    version_id: int | None = None
    kind: str = ""
    query: str = ""

    @property
    def any(self) -> bool:
        return bool(self.product_id or self.version_id or self.kind or self.query.strip())


def search_words(query: str) -> list[str]:
    """The words of a keyword search, without accents and in lower case (at most MAX_WORDS)."""
    return search_key(query).split()[:MAX_WORDS]


def packages_list(user: User, filters: PackageFilters) -> QuerySet[Package]:
    """The published packages the user may see, newest release first, with the filters; every
    word of the keyword search must appear in the title, description or version (any accent or
    case). Staff also get `download_count`."""
    queryset = access.packages_visible_to(user).filter(is_published=True).select_related("product", "version")
    if filters.product_id:
        queryset = queryset.filter(product_id=filters.product_id)
    if filters.version_id:
        queryset = queryset.filter(version_id=filters.version_id)
    if filters.kind in Package.Kind.values:
        queryset = queryset.filter(kind=filters.kind)
    for word in search_words(filters.query):
        queryset = queryset.filter(search_text__contains=word)
    if access.is_staff(user):
        queryset = queryset.annotate(download_count=Count("downloads"))
    return queryset.order_by("-released_on", "-pk")


def filter_products(user: User) -> QuerySet[Product]:
    """The products offered in the filter: the user's, active, by name."""
    return access.download_products_of(user).filter(is_active=True).order_by("name")


def filter_versions(user: User, product_id: int | None = None) -> QuerySet[ProductVersion]:
    """The versions offered in the filter: those of the user's products (of one product, when one
    is chosen), with their product for the label."""
    queryset = ProductVersion.objects.filter(
        product__in=filter_products(user), is_active=True
    ).select_related("product")
    if product_id:
        queryset = queryset.filter(product_id=product_id)
    return queryset.order_by("product__name", "-name")
