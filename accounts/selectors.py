"""Reads a user triggers, scoped to what that user may see (TEN-2, TEN-3).

Another company's object is *not found*, exactly like a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Company, Contact, User
from .validators import normalize_digits


def user_contact(user: User) -> Contact | None:
    """The active contact profile of a user, or None (analysts, partners, anonymous)."""
    if not user.is_authenticated or user.role != User.Role.CONTACT:
        return None
    return getattr(user, "contact", None)


def companies_visible_to(user: User) -> QuerySet[Company]:
    """Companies whose data the user may see: staff all; a contact their own; a partner consultant
    the companies their unit serves (TEN-3)."""
    if not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if user.is_analyst:
        return Company.objects.all()
    if user.role == User.Role.CONTACT and hasattr(user, "contact"):
        return Company.objects.filter(pk=user.contact.company_id)
    if user.role == User.Role.PARTNER and hasattr(user, "partner_consultant"):
        return Company.objects.filter(partner_unit_id=user.partner_consultant.unit_id, is_active=True)
    return Company.objects.none()


def company_of_contact(user: User) -> Company:
    """The company page of a contact (404 for anyone who is not a contact)."""
    contact = user_contact(user)
    if contact is None:
        raise Http404
    return (
        Company.objects.prefetch_related("product_lines")
        .select_related("partner_unit")
        .get(pk=contact.company_id)
    )


def user_is_company_admin(user: User) -> bool:
    contact = user_contact(user)
    return bool(contact and user.is_active and contact.is_company_admin)


def contacts_managed_by(user: User, *, search: str = "", status: str = "") -> QuerySet[Contact]:
    """Contacts a company administrator manages: those of their own company."""
    contact = user_contact(user)
    if contact is None or not contact.is_company_admin:
        return Contact.objects.none()
    queryset = Contact.objects.filter(company_id=contact.company_id).select_related("user")
    if search:
        condition = Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        if digits := normalize_digits(search):
            condition |= Q(cpf__contains=digits)
        queryset = queryset.filter(condition)
    if status == "active":
        queryset = queryset.filter(user__is_active=True, user__activated_at__isnull=False)
    elif status == "pending":
        queryset = queryset.filter(user__is_active=True, user__activated_at__isnull=True)
    elif status == "inactive":
        queryset = queryset.filter(user__is_active=False)
    elif status == "admins":
        queryset = queryset.filter(is_company_admin=True)
    return queryset.order_by("-is_company_admin", "user__full_name")


def contact_get_managed(user: User, pk: int) -> Contact:
    """One contact the administrator manages, or 404 (another company's contact included)."""
    try:
        return contacts_managed_by(user).get(pk=pk)
    except Contact.DoesNotExist:
        raise Http404 from None
