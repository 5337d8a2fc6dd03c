"""Who the user is: staff (analysts, leaders), client contacts, partner consultants, and the
roles in which they act on a ticket."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.errors import ForbiddenError

from ..models import Contact, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


class ActorRole(StrEnum):
    """Who acts on a ticket, in the workflow's terms (tickets/workflow)."""

    CLIENT = "client"  # the company's contact who may see the ticket, or its partner consultant
    ANALYST = "analyst"
    LEADER = "leader"
    SYSTEM = "system"  # periodic jobs


STAFF_ROLES = frozenset({ActorRole.ANALYST, ActorRole.LEADER})


# --- Who the user is ---------------------------------------------------------------------------------------


def is_staff(user: AnyUser | None) -> bool:
    """Vendor support staff: active analysts and leaders (they see every company, TEN-2)."""
    return bool(user is not None and user.is_authenticated and user.is_analyst)


def is_leader(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_leader)


def contact_of(user: AnyUser | None) -> Contact | None:
    """The client contact profile of a user, or None (staff, partners, anonymous)."""
    if user is None or not user.is_authenticated or user.role != User.Role.CONTACT:
        return None
    related = User.contact.related
    if not related.is_cached(user):
        # Once per request, with the company every page shows (the shell's company name, the
        # pendency notice): one query instead of two.
        related.set_cached_value(user, Contact.objects.select_related("company").filter(user=user).first())
    return getattr(user, "contact", None)


def partner_unit_id(user: AnyUser | None) -> int | None:
    """The partner unit a consultant acts for (TEN-3), or None."""
    if user is None or not user.is_authenticated or user.role != User.Role.PARTNER:
        return None
    consultant = getattr(user, "partner_consultant", None)
    return consultant.unit_id if consultant is not None else None


def is_client(user: AnyUser | None) -> bool:
    """A client contact or a partner consultant: the people of the portal's ticket pages."""
    return contact_of(user) is not None or partner_unit_id(user) is not None


def is_company_admin(user: AnyUser | None) -> bool:
    contact = contact_of(user)
    return bool(contact is not None and user is not None and user.is_active and contact.is_company_admin)


def sees_company_tickets(user: AnyUser | None) -> bool:
    """Whether the user sees more than their own tickets (ACC-3): staff, partners, and contacts with
    "see all company tickets" or administrators."""
    contact = contact_of(user)
    if contact is not None:
        return contact.can_see_company_tickets or contact.is_company_admin
    return is_staff(user) or partner_unit_id(user) is not None


def sees_internal_notes(user: AnyUser | None) -> bool:
    """Internal notes and their files are for staff only (TKT-7)."""
    return is_staff(user)


def require_staff(actor: AnyUser | None, message: str | None = None) -> None:
    if not is_staff(actor):
        raise ForbiddenError(message or _("Somente a equipe de atendimento pode fazer isto."))


def require_leader(actor: AnyUser | None, message: str | None = None) -> None:
    if not is_leader(actor):
        raise ForbiddenError(message or _("Somente líderes podem fazer isto."))
