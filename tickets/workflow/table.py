"""The workflow table (TKT-6, SLA-4, SEV-2): every status, what entering it means, and every move
with who may make it. The move itself is `tickets.workflow.moves`; the SLA side reads the
statuses' clocks from here (tickets/deadlines.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.access import STAFF_ROLES, ActorRole
from core.errors import ConflictError, DomainError

from ..models import Ticket

S = Ticket.Status
CLIENT, ANALYST, LEADER, SYSTEM = ActorRole.CLIENT, ActorRole.ANALYST, ActorRole.LEADER, ActorRole.SYSTEM
STAFF = frozenset(STAFF_ROLES)


class Effect(StrEnum):
    """What happens when a ticket enters a status (applied by tickets.workflow.moves)."""

    PENDING_TIMEOUT = "pending_timeout"  # TKT-8: moves on by itself after 7 business days
    ACCEPTANCE_WINDOW = "acceptance_window"  # ACP-1, ACP-2, ACP-4: the client's window opens
    SURVEY_IF_POLICY = "survey_if_policy"  # SRV-1: the retail line surveys on validation (ACP-5)
    CLOSE = "close"  # TKT-9: closed for good, never reopened
    SURVEY = "survey"  # SRV-1: the satisfaction survey goes to the requester


class Target(StrEnum):
    RESPONSE = "response"
    MAINTENANCE = "maintenance"


@dataclass(frozen=True)
class StatusRule:
    paused: bool  # SLA-4: the clock stops while the ticket waits on the client
    target: Target = Target.RESPONSE  # SEV-2: the target that governs in this status
    on_entry: tuple[Effect, ...] = ()
    # A staff move here needs a reason the client reads: it is posted to the timeline as a message.
    staff_reason: Promise | None = None
    # A client move here needs a reason (a rejected solution).
    client_reason: Promise | None = None

    @property
    def final(self) -> bool:
        return Effect.CLOSE in self.on_entry


STATUSES: dict[str, StatusRule] = {
    S.NEW: StatusRule(paused=False),
    S.IN_ANALYSIS: StatusRule(paused=False, client_reason=gettext_lazy("Informe o motivo.")),
    S.PENDING_CLIENT: StatusRule(
        paused=True,
        on_entry=(Effect.PENDING_TIMEOUT,),
        staff_reason=gettext_lazy("Diga ao cliente o que falta (dados, testes) para continuar."),
    ),
    S.IN_MAINTENANCE: StatusRule(paused=False, target=Target.MAINTENANCE),
    S.AWAITING_VALIDATION: StatusRule(
        paused=True,
        on_entry=(Effect.ACCEPTANCE_WINDOW, Effect.SURVEY_IF_POLICY),
        staff_reason=gettext_lazy("Descreva a solução proposta ao cliente."),
    ),
    S.CLOSED: StatusRule(paused=False, on_entry=(Effect.CLOSE, Effect.SURVEY)),
}

# TKT-6: every allowed move and who may make it; anything else is refused. Leaders may do all
# that analysts do.
MOVES: dict[tuple[str, str], frozenset[ActorRole]] = {
    (S.NEW, S.IN_ANALYSIS): STAFF,
    (S.NEW, S.PENDING_CLIENT): STAFF,
    (S.NEW, S.IN_MAINTENANCE): STAFF,
    (S.NEW, S.AWAITING_VALIDATION): STAFF,
    (S.IN_ANALYSIS, S.PENDING_CLIENT): STAFF,
    (S.IN_ANALYSIS, S.IN_MAINTENANCE): STAFF,
    (S.IN_ANALYSIS, S.AWAITING_VALIDATION): STAFF,
    (S.PENDING_CLIENT, S.IN_ANALYSIS): STAFF | {CLIENT},  # a client reply (TKT-7)
    (S.PENDING_CLIENT, S.IN_MAINTENANCE): STAFF,
    (S.PENDING_CLIENT, S.AWAITING_VALIDATION): STAFF | {SYSTEM},  # TKT-8
    (S.IN_MAINTENANCE, S.IN_ANALYSIS): STAFF,
    (S.IN_MAINTENANCE, S.PENDING_CLIENT): STAFF,
    (S.IN_MAINTENANCE, S.AWAITING_VALIDATION): STAFF,
    (S.AWAITING_VALIDATION, S.IN_ANALYSIS): STAFF | {CLIENT},  # rejection, or a message (ACP-3)
    (S.AWAITING_VALIDATION, S.CLOSED): frozenset({CLIENT, SYSTEM}),  # acceptance / ACP-4
}
PAUSED_STATUSES = frozenset(status for status, rule in STATUSES.items() if rule.paused)


def rule(status: str) -> StatusRule:
    return STATUSES[status]


def is_paused(status: str) -> bool:
    """SLA-4: whether the clock stops while a ticket is in `status`."""
    return STATUSES[status].paused if status in STATUSES else False


def status_label(status: str) -> str:
    return str(S(status).label) if status in S.values else status


# The reasons the portal writes itself on a move, stored as their source text whatever language is
# active (a job runs in Portuguese, a client may write in English) and shown in the reader's.
CLIENT_REPLIED = gettext_noop("Resposta do cliente")
CLIENT_WROTE_DURING_VALIDATION = gettext_noop("Mensagem do cliente durante a validação")
SOLUTION_ACCEPTED = gettext_noop("Solução aceita pelo cliente")
NO_REPLY_IN_TIME = gettext_noop("Sem resposta do cliente em 7 dias úteis")
VALIDATION_WINDOW_ENDED = gettext_noop("Encerrado automaticamente: o prazo de validação terminou")
PORTAL_REASONS = frozenset(
    (
        CLIENT_REPLIED,
        CLIENT_WROTE_DURING_VALIDATION,
        SOLUTION_ACCEPTED,
        NO_REPLY_IN_TIME,
        VALIDATION_WINDOW_ENDED,
    )
)


def shown_reason(reason: str) -> str:
    """A stored reason in the active language: the portal's own translated, a person's as typed."""
    return _(reason) if reason in PORTAL_REASONS else reason


# For an e-mail's context: translated when the outbox stores it, in the recipient's language.
shown_reason_lazy = lazy(shown_reason, str)


def moves_from(status: str, role: ActorRole) -> list[str]:
    """The statuses `role` may move a ticket to from `status`, in the statuses' order."""
    order = {value: index for index, value in enumerate(S.values)}
    moves = [to for (origin, to), roles in MOVES.items() if origin == status and role in roles]
    return sorted(moves, key=order.__getitem__)


def reason_hint(role: ActorRole, to_status: str) -> Promise | None:
    """What the reason of this move must say, when one is required."""
    status_rule = STATUSES[to_status]
    return (
        status_rule.staff_reason if role in STAFF else status_rule.client_reason if role == CLIENT else None
    )


def reason_is_public(role: ActorRole, to_status: str) -> bool:
    """A staff move whose reason the client must read (it becomes a message of the timeline)."""
    return role in STAFF and STATUSES[to_status].staff_reason is not None


def check_move(from_status: str, to_status: str, role: ActorRole, reason: str = "") -> None:
    """Refuse a move that is not in the table, or not for this role, or without its reason."""
    if to_status not in S.values:
        raise DomainError(_("Situação desconhecida: %(status)s.") % {"status": to_status}, field="status")
    allowed = MOVES.get((from_status, to_status))
    labels = {"from": status_label(from_status), "to": status_label(to_status)}
    if not allowed:
        raise ConflictError(
            _("Não é possível passar de “%(from)s” para “%(to)s”.") % labels,
            code="invalid_transition",
            field="status",
        )
    if role not in allowed:
        raise ConflictError(
            _("A passagem de “%(from)s” para “%(to)s” não pode ser feita por você.") % labels,
            code="transition_not_allowed",
            field="status",
        )
    hint = reason_hint(role, to_status)
    if hint and not reason.strip():
        raise DomainError(str(hint), code="reason_required", field="reason")
