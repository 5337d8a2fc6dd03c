"""Ombudsman cases (OMB-1): who follows a case, and which tickets a client may cite as evidence.

A company administrator follows every case of the company; another contact the cases they opened;
a partner consultant those they opened for a company their unit still serves. Staff see all. A
case of another company is *not found*. A cited ticket must be one the user may see
(`tickets_visible_to`): a foreign or unknown number gets the same message, never revealing that it
exists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.errors import DomainError, ForbiddenError, NotFoundError
from ombudsman.models import Case
from tickets.models import Ticket

from ..models import User
from .roles import contact_of, is_client, is_staff, partner_unit_id
from .tickets import TICKET_NUMBER, tickets_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser

PROTOCOL = re.compile(r"OUV-\d{4}-\d{6,}")
MAX_CITED_TICKETS = 10


def cases_visible_to(user: AnyUser | None) -> QuerySet[Case]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if is_staff(user):
        return Case.objects.all()
    contact = contact_of(user)
    if contact is not None:
        if contact.is_company_admin:
            return Case.objects.filter(company_id=contact.company_id)
        return Case.objects.filter(company_id=contact.company_id, opened_by=user)
    unit_id = partner_unit_id(user)
    if unit_id is not None:
        return Case.objects.filter(opened_by=user, company__partner_unit_id=unit_id, company__is_active=True)
    return Case.objects.none()


def access_case(user: AnyUser | None, protocol: object) -> Case:
    """One case the user may follow, by its protocol (404 otherwise, TEN-2)."""
    text = str(protocol).strip().upper()
    if not PROTOCOL.fullmatch(text):
        raise NotFoundError
    case = cases_visible_to(user).select_related("company", "opened_by").filter(protocol=text).first()
    if case is None:
        raise NotFoundError
    return case


def require_case_client(user: AnyUser | None) -> None:
    """Cases are opened by active client contacts and partner consultants."""
    if not (is_client(user) and user is not None and user.is_active):
        raise ForbiddenError(_("Somente clientes registram manifestações na Ouvidoria."))


def ticket_numbers(text: str) -> list[str]:
    """The ticket numbers written in a free text (commas, spaces, lines), each once, in order."""
    numbers = []
    for piece in re.split(r"[\s,;]+", text or ""):
        if piece and piece not in numbers:
            numbers.append(piece)
    return numbers


def cited_tickets(user: AnyUser | None, numbers: list[str]) -> list[Ticket]:
    """The tickets a client cites as evidence of an earlier contact: each must be one they may see,
    all of one company. Any other number (unknown, another company's, a colleague's the contact may
    not see) gets one and the same message."""
    if not numbers:
        raise DomainError(
            _("Informe o número de pelo menos um chamado seu sobre o assunto."), field="tickets"
        )
    if len(numbers) > MAX_CITED_TICKETS:
        raise DomainError(_("Cite no máximo %(n)s chamados.") % {"n": MAX_CITED_TICKETS}, field="tickets")
    valid = [number for number in numbers if TICKET_NUMBER.fullmatch(number)]
    found = {
        ticket.number: ticket
        for ticket in tickets_visible_to(user).select_related("company").filter(number__in=valid)
    }
    missing = [number for number in numbers if number not in found]
    if missing:
        raise DomainError(
            _("Chamado não encontrado entre os da sua empresa: %(numbers)s.")
            % {"numbers": ", ".join(missing)},
            field="tickets",
            code="ticket_not_found",
        )
    tickets = [found[number] for number in numbers]
    if len({ticket.company_id for ticket in tickets}) > 1:
        raise DomainError(
            _("Os chamados citados devem ser de uma mesma empresa: registre uma manifestação por empresa."),
            field="tickets",
        )
    return tickets
