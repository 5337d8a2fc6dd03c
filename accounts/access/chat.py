"""Chat conversations (CHN-3): the tickets' rules (TEN-2, TEN-3, ACC-3, ACC-4) for the chat.

- Staff see every conversation; only the analyst who took one (or a leader) writes in it.
- A client contact sees the conversations they started, and their company's with "see all
  company tickets" or as an administrator (ACC-3); a partner consultant those of the active
  companies their unit serves (TEN-3).
- Starting a chat needs the right to open tickets (ACC-4): the chat becomes a ticket.
Another company's conversation is *not found*, exactly like a missing one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from chat.models import ChatFile, Conversation
from core.errors import DomainError, ForbiddenError, NotFoundError

from ..models import Company, User
from .roles import contact_of, is_leader, is_staff, partner_unit_id
from .tickets import contact_assert_can_open_ticket

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


def conversations_visible_to(user: AnyUser | None) -> QuerySet[Conversation]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Conversation.objects.none()
    if is_staff(user):
        return Conversation.objects.all()
    contact = contact_of(user)
    if contact is not None:
        mine = Q(company_id=contact.company_id)
        if not (contact.can_see_company_tickets or contact.is_company_admin):
            mine &= Q(client_id=user.pk)
        return Conversation.objects.filter(mine)
    unit_id = partner_unit_id(user)
    if unit_id is not None:
        return Conversation.objects.filter(company__partner_unit_id=unit_id, company__is_active=True)
    return Conversation.objects.none()


def access_conversation(user: AnyUser | None, pk: object) -> Conversation:
    """One conversation the user may see (404 for a missing one and another company's alike)."""
    try:
        pk = int(str(pk))
    except ValueError:
        raise NotFoundError from None
    conversation = (
        conversations_visible_to(user)
        .select_related("company", "client", "analyst", "product", "team", "ticket")
        .filter(pk=pk)
        .first()
    )
    if conversation is None:
        raise NotFoundError
    return conversation


def chat_assert_can_start(user: AnyUser | None, company: Company) -> None:
    """A contact of the company allowed to open tickets (ACC-4), or a consultant of the partner unit
    serving it (TEN-3); the company must be active."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise ForbiddenError(_("Entre no portal para conversar com o atendimento."))
    contact = contact_of(user)
    if contact is not None:
        if contact.company_id != company.pk:
            raise NotFoundError
        contact_assert_can_open_ticket(contact=contact)
    elif partner_unit_id(user) is None or company.partner_unit_id != partner_unit_id(user):
        raise ForbiddenError(_("O chat é para contatos de empresas clientes e consultores de parceiros."))
    if not company.is_active:
        raise DomainError(_("Esta empresa está inativa e não pode abrir chamados."), code="company_inactive")


def chat_assert_can_write(user: AnyUser | None, conversation: Conversation) -> None:
    """Who writes (and sends files) in a conversation: its client side while it is open, and the
    analyst who took it or a leader. The conversation must be visible to the user (404 otherwise)."""
    if not conversations_visible_to(user).filter(pk=conversation.pk).exists():
        raise NotFoundError
    if conversation.is_closed:
        raise DomainError(_("Esta conversa foi encerrada."), code="conversation_closed")
    if is_staff(user) and conversation.analyst_id != getattr(user, "pk", None) and not is_leader(user):
        raise ForbiddenError(_("Atenda a conversa antes de escrever nela."))


def chat_files_visible_to(user: AnyUser | None) -> QuerySet[ChatFile]:
    return ChatFile.objects.filter(conversation__in=conversations_visible_to(user))


def access_chat_file(user: AnyUser | None, pk: int) -> ChatFile:
    """One chat file the user may download (404 otherwise, TEN-2)."""
    chat_file = chat_files_visible_to(user).select_related("conversation__company").filter(pk=pk).first()
    if chat_file is None:
        raise NotFoundError
    return chat_file
