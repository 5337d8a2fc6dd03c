"""Billable consultancy (CON-2..8, ACC-5): who sees a consultancy, its sessions, and who may accept
its term."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from consultoria.models import Consultancy, Session, StatementPdf, TimeEntry
from core.errors import ForbiddenError, NotFoundError
from core.ids import as_id

from ..models import User
from .roles import contact_of, is_staff, partner_unit_id
from .tickets import INTERNAL_CONSULTANCY_STEPS, tickets_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tickets.models import Ticket

    AnyUser = User | AnonymousUser


def consultancies_visible_to(user: AnyUser | None) -> QuerySet[Consultancy]:
    """Staff: every consultancy. A client: those of the tickets they may see, and for a contact
    holding the consultancy permission every consultancy of their company (ACC-5); never one
    still waiting for (or refused by) a leader."""
    if is_staff(user):
        return Consultancy.objects.all()
    visible = Q(ticket__in=tickets_visible_to(user))
    contact = contact_of(user)
    if contact is not None and contact.can_authorize_consultancy and contact.user.is_active:
        visible |= Q(ticket__company_id=contact.company_id)
    return Consultancy.objects.filter(visible).exclude(status__in=INTERNAL_CONSULTANCY_STEPS)


def ticket_consultancies_visible(user: AnyUser | None, ticket: Ticket | int) -> QuerySet[Consultancy]:
    """The consultancies of a ticket already opened through `access_ticket`: whoever sees the
    ticket sees them, clients never one waiting for (or refused by) a leader. Filtering on the
    ticket alone spares the page the visibility subquery of `consultancies_visible_to`."""
    queryset = Consultancy.objects.filter(ticket=ticket)
    if is_staff(user):
        return queryset
    return queryset.exclude(status__in=INTERNAL_CONSULTANCY_STEPS)


def access_consultancy(user: AnyUser | None, pk: object) -> Consultancy:
    """One consultancy the user may see, with its ticket and term (404 otherwise, TEN-2)."""
    if (number := as_id(pk)) is None:
        raise NotFoundError
    consultancy = (
        consultancies_visible_to(user)
        .select_related("ticket__company", "ticket__requester", "modality", "payer_unit", "term__template")
        .filter(pk=number)
        .first()
    )
    if consultancy is None:
        raise NotFoundError
    return consultancy


def access_session(user: AnyUser | None, pk: object) -> Session:
    """One session of a consultancy the user may see (404 otherwise)."""
    if (number := as_id(pk)) is None:
        raise NotFoundError
    session = (
        Session.objects.filter(consultancy__in=consultancies_visible_to(user))
        .select_related("consultancy__ticket__company", "consultancy__modality")
        .filter(pk=number)
        .first()
    )
    if session is None:
        raise NotFoundError
    return session


def access_time_entry(user: AnyUser | None, pk: object) -> TimeEntry:
    """One time entry of a consultancy the user may see (404 otherwise)."""
    if (number := as_id(pk)) is None:
        raise NotFoundError
    entry = (
        TimeEntry.objects.filter(session__consultancy__in=consultancies_visible_to(user))
        .select_related("session__consultancy__ticket", "analyst")
        .filter(pk=number)
        .first()
    )
    if entry is None:
        raise NotFoundError
    return entry


def company_has_term_acceptor(company_id: int) -> bool:
    """Whether any active contact of the company holds the consultancy permission (ACC-5)."""
    return User.objects.filter(
        contact__company_id=company_id, contact__can_authorize_consultancy=True, is_active=True
    ).exists()


def consultancy_sessions_visible_to(user: AnyUser | None) -> QuerySet[Session]:
    """Sessions for statements: staff all; a partner consultant those their unit pays; a contact
    those of the tickets they see, or of all their company's tickets when they hold the consultancy
    permission (CON-8, ACC-3, ACC-5: as `consultancies_visible_to`)."""
    if is_staff(user):
        return Session.objects.all()
    unit_id = partner_unit_id(user)
    if unit_id is not None and user is not None and user.is_active:
        return Session.objects.filter(consultancy__payer_unit_id=unit_id)
    contact = contact_of(user)
    if contact is not None and contact.user.is_active:
        sessions = Session.objects.filter(consultancy__ticket__company_id=contact.company_id)
        if contact.can_see_company_tickets or contact.is_company_admin or contact.can_authorize_consultancy:
            return sessions
        return sessions.filter(consultancy__ticket__requester_id=contact.user_id)
    return Session.objects.none()


def consultancy_term_acceptors(consultancy: Consultancy) -> list[User]:
    """Who may accept a consultancy's term (CON-3, ACC-5): the partner consultant who asked for it;
    for on-site work billed to a unit, that unit's consultants; otherwise the company's active
    contacts holding the consultancy permission."""
    ticket = consultancy.ticket
    if partner_unit_id(ticket.requester) is not None:
        return [ticket.requester] if ticket.requester.is_active else []
    if consultancy.payer == Consultancy.Payer.UNIT:
        return list(
            User.objects.filter(
                partner_consultant__unit_id=consultancy.payer_unit_id, is_active=True
            ).order_by("full_name", "pk")
        )
    return list(
        User.objects.filter(
            contact__company_id=ticket.company_id, contact__can_authorize_consultancy=True, is_active=True
        ).order_by("full_name", "pk")
    )


def may_accept_term(user: AnyUser | None, consultancy: Consultancy) -> bool:
    return user is not None and user.is_authenticated and user in consultancy_term_acceptors(consultancy)


def require_term_acceptor(user: AnyUser | None, consultancy: Consultancy) -> None:
    """Only who may accept a term accepts or declines it (ACC-5)."""
    if not may_accept_term(user, consultancy):
        raise ForbiddenError(
            _(
                "Somente um contato com a permissão “autoriza consultoria faturável” aceita ou recusa "
                "este termo. O administrador da empresa concede a permissão em Contatos."
            ),
            code="no_consultancy_permission",
        )


def statement_pdfs_of(user: AnyUser | None) -> QuerySet[StatementPdf]:
    """The statement PDFs prepared for the user: only who asked downloads one (made with what they
    could read then), staff included; anyone else is told it does not exist."""
    if user is None or not user.is_authenticated or not user.is_active:
        return StatementPdf.objects.none()
    return StatementPdf.objects.filter(requested_by=user)
