"""Asking for a consultancy and deciding on it (CON-1, CON-2, CON-4): an analyst asks to move a
standard ticket to consultancy with the recommended situation; a leader approves (the term goes to
the client) or refuses with a reason. Nothing reaches the client before the approval. Telephone
consultancy, chosen by the client at opening, needs no approval."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError
from tickets.locks import ticket_lock
from tickets.models import Ticket

from ..events import consultancy_event
from ..locks import consultancy_lock
from ..models import Consultancy, Modality
from ..workflow import OPEN_STATUSES, check_move
from .terms import term_offer

C = Consultancy.Status
ROLE = access.ActorRole


def _payer(ticket: Ticket, modality: Modality) -> tuple[str, int | None]:
    """CON-4: a consultancy a partner consultant asked for is billed to their unit, and on-site work
    to the unit serving the company; everything else to the company."""
    unit_id = access.partner_unit_id(ticket.requester)
    if unit_id is not None:
        return Consultancy.Payer.UNIT, unit_id
    if modality.billed_to_unit:
        if ticket.company.partner_unit_id is None:
            raise DomainError(
                _("Esta empresa não é atendida por uma unidade parceira: não há consultoria in loco."),
                field="modality",
            )
        return Consultancy.Payer.UNIT, ticket.company.partner_unit_id
    return Consultancy.Payer.COMPANY, None


def _check_no_open(ticket: Ticket) -> None:
    if Consultancy.objects.filter(ticket=ticket, status__in=OPEN_STATUSES).exists():
        raise ConflictError(_("Este chamado já tem uma consultoria em andamento."), code="consultancy_open")


@transaction.atomic
def consultancy_request(
    *,
    actor: User,
    ticket: Ticket,
    modality: Modality,
    situation: str,
    note: str = "",
    now: datetime | None = None,
) -> Consultancy:
    """An analyst asks to move a standard ticket to consultancy (CON-2); a leader decides."""
    access.require_staff(actor)
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    if ticket.is_closed:
        raise ConflictError(_("Chamado encerrado não passa para consultoria."), code="ticket_closed")
    if ticket.modality != Ticket.Modality.STANDARD:
        raise ConflictError(_("Este chamado já está em consultoria."), code="not_standard")
    if modality.chosen_at_opening:
        raise DomainError(
            _("A consultoria telefônica é escolhida pelo cliente ao abrir o chamado."), field="modality"
        )
    if situation not in Consultancy.Situation.values:
        raise DomainError(_("Escolha a situação recomendada."), field="situation")
    _check_no_open(ticket)
    payer, unit_id = _payer(ticket, modality)
    consultancy = Consultancy.objects.create(
        ticket=ticket,
        modality=modality,
        status=C.REQUESTED,
        situation=situation,
        request_note=note.strip(),
        requested_by=actor,
        requested_at=now,
        payer=payer,
        payer_unit_id=unit_id,
    )
    reason = Consultancy.Situation(situation).label
    consultancy_event(consultancy, actor=actor, now=now, to_value=C.REQUESTED, reason=str(reason))
    return consultancy


@transaction.atomic
def consultancy_approve(*, actor: User, consultancy: Consultancy, now: datetime | None = None) -> Consultancy:
    """A leader approves (CON-2): the term is rendered and sent to whoever may accept it."""
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    check_move(consultancy, C.OFFERED, _leader(actor))
    consultancy.decided_by, consultancy.decided_at = actor, now
    consultancy.save(update_fields=["decided_by", "decided_at"])
    term_offer(consultancy, now=now)
    return consultancy


@transaction.atomic
def consultancy_refuse(
    *, actor: User, consultancy: Consultancy, reason: str, now: datetime | None = None
) -> Consultancy:
    """A leader refuses with a reason (CON-2); the ticket stays in standard support."""
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    check_move(consultancy, C.REFUSED, _leader(actor))
    if not reason.strip():
        raise DomainError(_("Informe o motivo da recusa."), field="reason", code="reason_required")
    consultancy.status = C.REFUSED
    consultancy.decided_by, consultancy.decided_at = actor, now
    consultancy.decision_reason = reason.strip()
    consultancy.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    consultancy_event(
        consultancy, actor=actor, now=now, to_value=C.REFUSED, reason=consultancy.decision_reason
    )
    return consultancy


def consultancy_open_telephone(*, ticket: Ticket, now: datetime) -> Consultancy:
    """Telephone consultancy chosen at opening (CON-1): no approval, the term goes out at once.
    Called by the opening service inside its transaction."""
    modality = Modality.objects.get(code=Modality.Code.TELEPHONE)
    payer, unit_id = _payer(ticket, modality)
    consultancy = Consultancy.objects.create(
        ticket=ticket,
        modality=modality,
        status=C.REQUESTED,
        requested_by=ticket.requester,
        requested_at=now,
        payer=payer,
        payer_unit_id=unit_id,
    )
    term_offer(consultancy, now=now)
    return consultancy


@transaction.atomic
def consultancy_finish(
    *, actor: User, consultancy: Consultancy, finding: str, now: datetime | None = None
) -> Consultancy:
    """Staff close the consultancy with what it found: a product or documentation defect waives
    what the modality's rule waives (CON-1)."""
    access.require_staff(actor)
    now = now or timezone.now()
    consultancy = consultancy_lock(consultancy)
    check_move(consultancy, C.FINISHED, access.ticket_actor_role(actor, consultancy.ticket))
    if finding not in Consultancy.Finding.values:
        raise DomainError(_("Informe a conclusão da consultoria."), field="finding")
    consultancy.status, consultancy.finding, consultancy.finished_at = C.FINISHED, finding, now
    consultancy.save(update_fields=["status", "finding", "finished_at"])
    with translation.override(None):  # stored in the source language, shown in the reader's
        label = str(Consultancy.Finding(finding).label)
    consultancy_event(consultancy, actor=actor, now=now, to_value=C.FINISHED, reason=label)
    return consultancy


def _leader(actor: User) -> ROLE:
    """Deciding on a consultancy is the leaders' (CON-2)."""
    access.require_leader(actor, _("Somente líderes aprovam ou recusam consultorias."))
    return ROLE.LEADER
