"""Who may see and who may act: the one rule, for every page, API route, admin list, export,
download, job and e-mail (TEN-2, TEN-3, ACC-1, ACC-3, ACC-4, ACC-7). Zulip's `access_*_by_*` style.

- Staff (analysts and leaders, active) see every company. Leaders are a role of their own.
- A client contact sees their own company: every ticket with "see all company tickets" or as an
  administrator (ACC-3), otherwise only the tickets they requested.
- A partner consultant sees the active companies their unit serves (TEN-3).
- Anyone else, and any inactive user (ACC-7), sees nothing.

Another company's object is *not found* (`NotFoundError`, 404), exactly like a missing one; a
visible object the user may not act on is *forbidden* (`ForbiddenError`, 403).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.errors import DomainError, ForbiddenError, NotFoundError
from surveys.models import Survey
from tickets.models import Attachment, Message, Team, Ticket

from .models import Company, Contact, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser

TICKET_NUMBER = re.compile(r"\d{8}")
# What a ticket page, an API detail and a service acting on a ticket read with it.
TICKET_RELATED = (
    "company",
    "product",
    "team",
    "assignee",
    "requester",
    "sla_snapshot",
    "routine",
    "version",
    "requester_contact",
    "acceptance_policy",
    "follow_up_of",
)


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


# --- Companies and contacts (TEN-1..3, ACC-1) -----------------------------------------------------------


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


# --- Tickets (TEN-2, TEN-3, ACC-3, ACC-4) ---------------------------------------------------------------


def tickets_visible_to(user: AnyUser | None) -> QuerySet[Ticket]:
    """Staff: every ticket. A contact: the company's tickets with "see all company tickets" or as
    an administrator (ACC-3), otherwise their own. A partner consultant: the tickets of the active
    companies their unit serves (TEN-3)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Ticket.objects.none()
    if is_staff(user):
        return Ticket.objects.all()
    contact = contact_of(user)
    if contact is not None:
        if contact.can_see_company_tickets or contact.is_company_admin:
            return Ticket.objects.filter(company_id=contact.company_id)
        return Ticket.objects.filter(company_id=contact.company_id, requester=user)
    unit_id = partner_unit_id(user)
    if unit_id is not None:
        return Ticket.objects.filter(company__partner_unit_id=unit_id, company__is_active=True)
    return Ticket.objects.none()


def access_ticket(user: AnyUser | None, number: object) -> Ticket:
    """One ticket the user may see, by its 8-digit number (TKT-4), with what its page reads;
    `NotFoundError` for a missing one and another company's alike (TEN-2)."""
    if not TICKET_NUMBER.fullmatch(str(number)):
        raise NotFoundError
    ticket = tickets_visible_to(user).select_related(*TICKET_RELATED).filter(number=str(number)).first()
    if ticket is None:
        raise NotFoundError
    return ticket


def _client_may_see(user: User, ticket: Ticket) -> bool:
    """`tickets_visible_to` for one ticket in memory (its company loaded with it)."""
    contact = contact_of(user)
    if contact is not None:
        return contact.company_id == ticket.company_id and (
            contact.can_see_company_tickets or contact.is_company_admin or ticket.requester_id == user.pk
        )
    unit_id = partner_unit_id(user)
    return unit_id is not None and ticket.company.partner_unit_id == unit_id and ticket.company.is_active


def ticket_actor_role(user: User | None, ticket: Ticket) -> ActorRole:
    """The role in which `user` acts on `ticket` (None is the system: periodic jobs); a client who
    may not see the ticket is refused."""
    if user is None:
        return ActorRole.SYSTEM
    if is_leader(user):
        return ActorRole.LEADER
    if is_staff(user):
        return ActorRole.ANALYST
    if user.is_active and _client_may_see(user, ticket):
        return ActorRole.CLIENT
    raise ForbiddenError(_("Você não pode agir neste chamado."))


def ticket_opening_contact(user: User, company: Company) -> Contact | None:
    """Whom a ticket opened by `user` for `company` is in the name of (ACC-4): the contact
    themselves, who must be active and allowed to open tickets; None for a partner consultant of
    the unit serving the company (TEN-3). Anyone else is refused."""
    contact = contact_of(user)
    if contact is not None:
        if contact.company_id != company.pk:
            raise ForbiddenError(_("Você só abre chamados da sua empresa."))
        contact_assert_can_open_ticket(contact=contact)
        return contact
    unit_id = partner_unit_id(user)
    if unit_id is not None and user.is_active:
        if company.partner_unit_id != unit_id:
            raise ForbiddenError(_("Sua unidade não atende esta empresa."))
        return None
    raise ForbiddenError(_("Chamados são abertos em nome de um contato da empresa."))


FINANCIAL_PENDENCY_ALLOWED_KINDS = frozenset({Ticket.Kind.ADMINISTRATIVE, Ticket.Kind.FINANCIAL})


def company_assert_can_open_ticket(*, company: Company, kind: str) -> None:
    """ACC-6: with a financial pendency only administrative/financial tickets (CST) may be opened."""
    if not company.is_active:
        raise DomainError(_("Esta empresa está inativa e não pode abrir chamados."), code="company_inactive")
    if company.has_financial_pendency and kind not in FINANCIAL_PENDENCY_ALLOWED_KINDS:
        raise DomainError(
            _(
                "Sua empresa tem uma pendência financeira: só é possível abrir chamados administrativos ou "
                "financeiros, atendidos pelo Centro de Serviços (CST)."
            ),
            code="financial_pendency",
        )


def company_assert_can_download(*, company: Company) -> None:
    """ACC-6: a company with a financial pendency cannot download files (its clients; staff can)."""
    if company.has_financial_pendency:
        raise DomainError(
            _("Downloads bloqueados por pendência financeira. Procure o Centro de Serviços (CST)."),
            code="financial_pendency",
        )


def contact_assert_can_open_ticket(*, contact: Contact) -> None:
    """ACC-4: tickets only in the name of an active contact allowed to open them."""
    if not contact.user.is_active:
        raise DomainError(_("Contato inativo não pode abrir chamados."), code="contact_inactive")
    if not contact.can_open_tickets:
        raise DomainError(
            _("Você não tem permissão para abrir chamados. Fale com o administrador da sua empresa."),
            code="no_permission",
        )


def messages_visible_to(user: AnyUser | None, ticket: Ticket) -> QuerySet[Message]:
    """The ticket's messages the user may read: internal notes only for staff (TKT-7)."""
    queryset = Message.objects.filter(ticket=ticket)
    return queryset if sees_internal_notes(user) else queryset.filter(is_internal=False)


def attachments_visible_to(user: AnyUser | None, ticket: Ticket | None = None) -> QuerySet[Attachment]:
    """Files the user may download: those of visible tickets, and internal notes' files only for
    staff (TKT-7, TKT-10); with `ticket`, only that ticket's."""
    queryset = Attachment.objects.filter(ticket=ticket) if ticket is not None else Attachment.objects.all()
    queryset = queryset.filter(ticket__in=tickets_visible_to(user))
    if not sees_internal_notes(user):
        queryset = queryset.filter(Q(message__isnull=True) | Q(message__is_internal=False))
    return queryset


def access_attachment(user: AnyUser | None, pk: int) -> Attachment:
    """One file the user may download (404 otherwise, TEN-2)."""
    attachment = (
        attachments_visible_to(user).select_related("ticket__company", "message").filter(pk=pk).first()
    )
    if attachment is None:
        raise NotFoundError
    return attachment


# --- Survey results (SRV-3) ------------------------------------------------------------------------------


def surveys_visible_to(user: AnyUser | None) -> QuerySet[Survey]:
    """Survey rows and their results are the leaders'."""
    return Survey.objects.all() if is_leader(user) else Survey.objects.none()


# --- Who is told (OPS-2) ---------------------------------------------------------------------------------


def ticket_notice_recipient(ticket: Ticket) -> User | None:
    """The ticket's requester, while their access is active (ACC-7)."""
    requester = ticket.requester
    return requester if requester.is_active else None


def team_notice_recipients(team: Team) -> list[str]:
    """The e-mail addresses of a team's active analysts (SLA-5 notices); `members` prefetched."""
    return [member.email for member in team.members.all() if member.is_active]
