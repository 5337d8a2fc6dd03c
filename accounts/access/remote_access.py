"""Remote-access credentials (CHN-4): the client who may act on the ticket gives them; only the
analysts of the ticket's team may read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.errors import ForbiddenError
from tickets.models import Ticket

from .roles import is_client, is_staff
from .tickets import ticket_actor_role

if TYPE_CHECKING:
    from .roles import AnyUser


def may_reveal_remote_access(user: AnyUser | None, ticket: Ticket) -> bool:
    """Staff of the ticket's team (analysts, or leaders who are members): nobody else, not even
    other analysts."""
    return is_staff(user) and ticket.team.members.filter(pk=getattr(user, "pk", None)).exists()


def require_remote_access_reveal(user: AnyUser | None, ticket: Ticket) -> None:
    if not may_reveal_remote_access(user, ticket):
        raise ForbiddenError(_("Somente os analistas da equipe do chamado veem o acesso remoto."))


def require_remote_access_provider(user: AnyUser | None, ticket: Ticket) -> None:
    """A client (contact or partner consultant) who may act on this ticket."""
    if user is None or not user.is_authenticated or not is_client(user):
        raise ForbiddenError(_("Somente o cliente informa o acesso remoto."))
    ticket_actor_role(user, ticket)  # refuses a client who may not see the ticket
