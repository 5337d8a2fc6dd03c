"""Canned replies of the back-office: an analyst reads and uses their own teams' replies; leaders,
who manage them, every team's. Anyone else sees none; another team's reply is not found (404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.errors import NotFoundError
from tickets.models import CannedReply

from .roles import is_leader, is_staff

if TYPE_CHECKING:
    from .roles import AnyUser


def canned_replies_visible_to(user: AnyUser | None) -> QuerySet[CannedReply]:
    """The replies `user` may read and send: their teams' (every team's for a leader)."""
    if not is_staff(user):
        return CannedReply.objects.none()
    queryset = CannedReply.objects.select_related("team")
    if is_leader(user):
        return queryset
    return queryset.filter(team__members=user.pk if user is not None else None)


def access_canned_reply(user: AnyUser | None, pk: int, *, active_only: bool = True) -> CannedReply:
    """One reply `user` may send; another team's is not found, like a missing one."""
    queryset = canned_replies_visible_to(user)
    if active_only:
        queryset = queryset.filter(is_active=True)
    reply = queryset.filter(pk=pk).first()
    if reply is None:
        raise NotFoundError(_("Resposta pronta não encontrada."))
    return reply
