"""Reads a user triggers on companies and contacts, on top of accounts/access.py (TEN-2, TEN-3).

Another company's object is *not found*, exactly like a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.errors import NotFoundError
from core.search import contains_folded_q

from . import access
from .models import ApiToken, Contact, User
from .validators import normalize_digits


def contacts_managed_by(user: User, *, search: str = "", status: str = "") -> QuerySet[Contact]:
    """The administrator's contacts (ACC-1), searched by name, e-mail or CPF and filtered by state."""
    queryset = access.contacts_managed_by(user).select_related("user")
    if search:
        queryset, names = contains_folded_q(queryset, ("user__full_name",), search)
        condition = names | Q(user__email__icontains=search)
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


def company_sole_admin_id(user: User) -> int | None:
    """The contact who is the only active administrator of the user's company, if there is exactly one:
    the page offers neither demoting nor deactivating them (the service refuses it anyway)."""
    admins = list(
        access.contacts_managed_by(user)
        .filter(is_company_admin=True, user__is_active=True)
        .values_list("pk", flat=True)[:2]
    )
    return admins[0] if len(admins) == 1 else None


def contact_get_managed(user: User, pk: int) -> Contact:
    """One contact the administrator manages, or 404 (another company's contact included)."""
    contact = contacts_managed_by(user).filter(pk=pk).first()
    if contact is None:
        raise NotFoundError
    return contact


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens (SEC-6), newest first: live, expired and revoked."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
