"""How a consultancy moves (CON-2, CON-3): the table of its statuses and who may make each move.

    requested ──leader approves──▶ offered ──client accepts──▶ accepted ──staff finish──▶ finished
        │                             │
        └──leader refuses──▶ refused  └──client declines──▶ declined

Telephone consultancy, chosen by the client when opening the ticket, starts `offered`: it needs no
approval. Only `accepted` consultancies take sessions and time entries (no billable minute before
the term is accepted).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.access import ActorRole
from core.errors import ConflictError

from .models import Consultancy

C = Consultancy.Status
CLIENT, ANALYST, LEADER = ActorRole.CLIENT, ActorRole.ANALYST, ActorRole.LEADER
STAFF = frozenset({ANALYST, LEADER})

MOVES: dict[tuple[str, str], frozenset[ActorRole]] = {
    (C.REQUESTED, C.OFFERED): frozenset({LEADER}),  # CON-2: a leader approves
    (C.REQUESTED, C.REFUSED): frozenset({LEADER}),
    (C.OFFERED, C.ACCEPTED): frozenset({CLIENT}),  # CON-3, ACC-5: a contact with the permission
    (C.OFFERED, C.DECLINED): frozenset({CLIENT}),
    (C.ACCEPTED, C.FINISHED): STAFF,
}
OPEN_STATUSES = frozenset({C.REQUESTED, C.OFFERED, C.ACCEPTED})  # one per ticket at a time
BILLABLE_STATUSES = frozenset({C.ACCEPTED, C.FINISHED})


def check_move(consultancy: Consultancy, to_status: str, role: ActorRole) -> None:
    """Refuse a move that is not in the table, or not for this role."""
    allowed = MOVES.get((consultancy.status, to_status))
    labels = {"from": C(consultancy.status).label, "to": C(to_status).label}
    if not allowed:
        raise ConflictError(
            _("A consultoria está em “%(from)s”: não pode passar para “%(to)s”.") % labels,
            code="invalid_consultancy_move",
        )
    if role not in allowed:
        raise ConflictError(
            _("A passagem de “%(from)s” para “%(to)s” não pode ser feita por você.") % labels,
            code="consultancy_move_not_allowed",
        )


def require_billable(consultancy: Consultancy) -> None:
    """No session or minute before the term is accepted (CON-3), nor after it is finished."""
    if consultancy.status != C.ACCEPTED:
        raise ConflictError(
            _("Só é possível agendar sessões e apontar horas com o termo aceito pelo cliente."),
            code="consultancy_not_accepted",
        )
