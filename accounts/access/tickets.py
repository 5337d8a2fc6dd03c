"""Tickets, their messages and files (TEN-2, TEN-3, ACC-3, ACC-4, ACC-6, TKT-7, TKT-10)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.errors import DomainError, ForbiddenError, NotFoundError
from core.prepared import prepared_fetch
from tickets.models import Attachment, Message, Ticket, TicketEvent

from ..models import Company, Contact, User
from .roles import ActorRole, contact_of, is_leader, is_staff, partner_unit_id, sees_internal_notes

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


# Steps of a consultancy before a leader approves it: nothing of them reaches the client (CON-2).
INTERNAL_CONSULTANCY_STEPS = ("requested", "refused")
TICKET_NUMBER = re.compile(r"\d{8}")
# What a ticket page, an API detail and a service acting on a ticket read with it. Not the
# original of a follow-up (a wide self-join most tickets do not need: read when shown) nor the
# requester's contact row (the back-office's work page reads it with its own list).
TICKET_RELATED = (
    "company",
    "product",
    "team",
    "assignee",
    "requester",
    "sla_snapshot__calendar",
    "routine",
    "version",
    "acceptance_policy",
)


def _visible_conditions(user: AnyUser | None) -> dict[str, int | bool] | None:
    """The filter of `tickets_visible_to` (None: no ticket)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if is_staff(user):
        return {}
    contact = contact_of(user)
    if contact is not None:
        if contact.can_see_company_tickets or contact.is_company_admin:
            return {"company_id": contact.company_id}
        return {"company_id": contact.company_id, "requester_id": user.pk}
    unit_id = partner_unit_id(user)
    if unit_id is not None:
        return {"company__partner_unit_id": unit_id, "company__is_active": True}
    return None


def tickets_visible_to(user: AnyUser | None) -> QuerySet[Ticket]:
    """Staff: every ticket. A contact: the company's tickets with "see all company tickets" or as
    an administrator (ACC-3), otherwise their own. A partner consultant: the tickets of the active
    companies their unit serves (TEN-3)."""
    conditions = _visible_conditions(user)
    if conditions is None:
        return Ticket.objects.none()
    return Ticket.objects.filter(**conditions)


def access_ticket(user: AnyUser | None, number: object) -> Ticket:
    """One ticket the user may see, by its 8-digit number (TKT-4), with what its page reads;
    `NotFoundError` for a missing one and another company's alike (TEN-2)."""
    if not TICKET_NUMBER.fullmatch(str(number)):
        raise NotFoundError
    conditions = _visible_conditions(user)
    if conditions is None:
        raise NotFoundError
    contact = contact_of(user)
    # A contact sees only their company's tickets, and that company came with the signed-in user
    # (`contact_of`): the ticket takes it instead of joining it again.
    reuse_company = contact is not None and Contact.company.is_cached(contact)
    related = tuple(name for name in TICKET_RELATED if not (reuse_company and name == "company"))
    # Compiled once per shape (`core.prepared`: compiling this ten-table read costs more than
    # running it). The number is unique: no ORDER BY.
    found = prepared_fetch(
        ("access_ticket", related),
        lambda **given: Ticket.objects.select_related(*related).filter(**given).order_by()[:1],
        {**conditions, "number": str(number)},
    )
    if not found:
        raise NotFoundError
    ticket = found[0]
    if reuse_company and contact is not None:
        ticket.company = contact.company
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


def ticket_opening_on_behalf(actor: User, requester: User, company: Company) -> Contact | None:
    """Whom a ticket registered by staff for a caller (the phone channel, CHN-2) is in the name of:
    only staff register for someone else, and the caller must be allowed to open it themselves
    (ACC-4: an active contact of the company with the right to open tickets, or an active partner
    consultant of the unit serving it). The messages are written for the analyst on the line."""
    if not is_staff(actor):
        raise ForbiddenError(_("Só a equipe de atendimento abre chamados em nome de outra pessoa."))
    contact = contact_of(requester)
    if contact is not None:
        if contact.company_id != company.pk:
            raise DomainError(_("Este contato não pertence a esta empresa."), code="wrong_company")
        if not requester.is_active:
            raise DomainError(
                _("Contato inativo: não é possível abrir chamados em nome dele."), code="contact_inactive"
            )
        if not contact.can_open_tickets:
            raise DomainError(
                _(
                    "Este contato não tem permissão para abrir chamados. O administrador da empresa "
                    "pode concedê-la no portal."
                ),
                code="no_permission",
            )
        return contact
    unit_id = partner_unit_id(requester)
    if unit_id is not None:
        if not requester.is_active:
            raise DomainError(
                _("Consultor inativo: não é possível abrir chamados em nome dele."), code="contact_inactive"
            )
        if company.partner_unit_id != unit_id:
            raise DomainError(_("A unidade deste consultor não atende esta empresa."), code="wrong_company")
        return None
    raise DomainError(_("Chamados são abertos em nome de um contato da empresa."), code="not_a_contact")


FINANCIAL_PENDENCY_ALLOWED_KINDS = frozenset({Ticket.Kind.ADMINISTRATIVE, Ticket.Kind.FINANCIAL})


def company_assert_can_open_ticket(*, company: Company, kind: str, for_staff: bool = False) -> None:
    """ACC-6: with a financial pendency only administrative/financial tickets (CST) may be opened.
    `for_staff`: the message speaks to the analyst registering the ticket, not to the client."""
    if not company.is_active:
        raise DomainError(_("Esta empresa está inativa e não pode abrir chamados."), code="company_inactive")
    if company.has_financial_pendency and kind not in FINANCIAL_PENDENCY_ALLOWED_KINDS:
        if for_staff:
            message = _(
                "A empresa tem uma pendência financeira: só é possível abrir chamados administrativos ou "
                "financeiros, atendidos pelo Centro de Serviços (CST)."
            )
        else:
            message = _(
                "Sua empresa tem uma pendência financeira: só é possível abrir chamados administrativos ou "
                "financeiros, atendidos pelo Centro de Serviços (CST)."
            )
        raise DomainError(message, code="financial_pendency")


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


def events_visible_to(user: AnyUser | None, ticket: Ticket | int) -> QuerySet[TicketEvent]:
    """The ticket's history the user may read: a consultancy waiting for, or refused by, a leader is
    the back-office's alone (CON-2)."""
    queryset = TicketEvent.objects.filter(ticket=ticket)
    if is_staff(user):
        return queryset
    return queryset.exclude(kind=TicketEvent.Kind.CONSULTANCY, to_value__in=INTERNAL_CONSULTANCY_STEPS)


def messages_visible_to(user: AnyUser | None, ticket: Ticket | int) -> QuerySet[Message]:
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
