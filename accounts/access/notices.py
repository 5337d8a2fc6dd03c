"""Survey results (SRV-3) and who is told by e-mail (OPS-2, ACC-7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from surveys.models import Survey
from tickets.models import Team, Ticket

from ..models import User
from .roles import is_leader

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser


def surveys_visible_to(user: AnyUser | None) -> QuerySet[Survey]:
    """Survey rows and their results are the leaders'."""
    return Survey.objects.all() if is_leader(user) else Survey.objects.none()


def ticket_notice_recipient(ticket: Ticket) -> User | None:
    """The ticket's requester, while their access is active (ACC-7)."""
    requester = ticket.requester
    return requester if requester.is_active else None


def team_notice_recipients(team: Team) -> list[str]:
    """The e-mail addresses of a team's active analysts (SLA-5 notices); `members` prefetched."""
    return [member.email for member in team.members.all() if member.is_active]
