"""Companies and contacts (TEN-1..3, ACC-1): whose data a user may act for, and who manages
contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.errors import ForbiddenError, NotFoundError

from ..models import Company, Contact, User
from .roles import contact_of, is_staff, partner_unit_id

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


def companies_actable_by(user: AnyUser | None) -> QuerySet[Company]:
    """The companies whose data the user may see and act for: staff all; a contact their own; a
    partner consultant the active companies their unit serves (TEN-3)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if is_staff(user):
        return Company.objects.all()
    contact = contact_of(user)
    if contact is not None:
        return Company.objects.filter(pk=contact.company_id)
    unit_id = partner_unit_id(user)
    if unit_id is not None:
        return Company.objects.filter(partner_unit_id=unit_id, is_active=True)
    return Company.objects.none()


def company_of_contact(user: AnyUser | None) -> Company:
    """A contact's own company, with its contract rows (404 for anyone who is not a contact)."""
    contact = contact_of(user)
    if contact is None:
        raise NotFoundError
    return (
        Company.objects.prefetch_related("product_lines")
        .select_related("partner_unit")
        .get(pk=contact.company_id)
    )


def contacts_managed_by(user: AnyUser | None) -> QuerySet[Contact]:
    """The contacts a company administrator manages: those of their own company (ACC-1)."""
    contact = contact_of(user)
    if contact is None or not contact.is_company_admin:
        return Contact.objects.none()
    return Contact.objects.filter(company_id=contact.company_id)


def require_company_admin(actor: AnyUser | None, company_id: int) -> None:
    """The actor is an active administrator of this company, or staff (ACC-1)."""
    if is_staff(actor):
        return
    contact = contact_of(actor)
    if not (
        actor is not None
        and actor.is_active
        and contact is not None
        and contact.is_company_admin
        and contact.company_id == company_id
    ):
        raise ForbiddenError(_("Somente um administrador da empresa pode fazer isto."))


def is_still_company_admin(actor: User, company_id: int) -> bool:
    """Re-read under the company's lock: an administrator demoted a moment ago by a concurrent
    request can no longer act (ACC-1)."""
    if is_staff(actor):
        return True
    return Contact.objects.filter(
        user_id=actor.pk, company_id=company_id, is_company_admin=True, user__is_active=True
    ).exists()
