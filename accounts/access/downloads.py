"""The download centre (SELF-6, ACC-6): which packages a user sees, and who may download them.

- Staff (analysts and leaders) see and download every package, published or not, and manage them
  in the back-office.
- A client contact sees the published packages of the products of their company's product lines;
  a partner consultant those of the active companies their unit serves (TEN-3). Another product's
  package is *not found*, exactly like a missing one (TEN-2).
- Under a financial pendency (ACC-6) the list stays readable but every download is refused
  (`ForbiddenError`, code "financial_pendency"): for a contact, when their company has one; for a
  partner consultant, when every served company using the package's product line has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from core.errors import DomainError, ForbiddenError, NotFoundError
from downloads.models import Package
from tickets.models import Product

from ..models import Company, ProductLine, User
from .companies import companies_actable_by
from .roles import contact_of, is_staff
from .tickets import company_assert_can_download

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


def may_manage_packages(user: AnyUser | None) -> bool:
    """Analysts and leaders upload, publish and unpublish packages in the back-office."""
    return is_staff(user)


def download_products_of(user: AnyUser | None) -> QuerySet[Product]:
    """The products whose packages the user may see: staff every product; a client those of the
    product lines of the companies they act for (the same products the ticket form offers)."""
    if is_staff(user):
        return Product.objects.all()
    lines = ProductLine.objects.filter(companies__in=companies_actable_by(user))
    return Product.objects.filter(line__in=lines)


def packages_visible_to(user: AnyUser | None) -> QuerySet[Package]:
    """Staff: every package (unpublished ones too, to check a file before publishing it). A client:
    the published packages of their products. Anyone else: none."""
    if is_staff(user):
        return Package.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return Package.objects.none()
    return Package.objects.filter(is_published=True, product__in=download_products_of(user))


def access_package(user: AnyUser | None, pk: object) -> Package:
    """One package the user may see, with its product and version (404 otherwise, TEN-2)."""
    try:
        key = int(str(pk))
    except ValueError:
        raise NotFoundError from None
    package = packages_visible_to(user).select_related("product", "version").filter(pk=key).first()
    if package is None:
        raise NotFoundError
    return package


def _blocked(error: DomainError) -> ForbiddenError:
    return ForbiddenError(error.message, code=error.code)


def package_download_company(user: AnyUser | None, package: Package) -> Company | None:
    """Check that the user may download `package` (already visible to them) and return the company
    the download counts for: the contact's own; None for staff and partner consultants. A
    financial pendency refuses it (403, ACC-6)."""
    if is_staff(user):
        return None
    contact = contact_of(user)
    if contact is not None:
        company = contact.company
        try:
            company_assert_can_download(company=company)
        except DomainError as error:
            raise _blocked(error) from None
        return company
    served = companies_actable_by(user).filter(product_lines=package.product.line_id)
    if not served.exclude(financial_status=Company.FinancialStatus.PENDENCY).exists():
        blocked = served.first()
        if blocked is None:  # not visible after all (a served company left the line meanwhile)
            raise NotFoundError
        try:
            company_assert_can_download(company=blocked)
        except DomainError as error:
            raise _blocked(error) from None
    return None


def downloads_blocked_for(user: AnyUser | None) -> bool:
    """Whether the list should say that downloads are blocked (ACC-6): a contact whose company has
    a financial pendency; a partner consultant all of whose served companies have one."""
    if is_staff(user):
        return False
    contact = contact_of(user)
    if contact is not None:
        return contact.company.has_financial_pendency
    companies = companies_actable_by(user)
    return (
        companies.exists()
        and not companies.exclude(financial_status=Company.FinancialStatus.PENDENCY).exists()
    )
