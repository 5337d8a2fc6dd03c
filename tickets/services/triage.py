"""Analysts' actions on a ticket (TKT-5, TKT-6, SEV-1, SLA-3): move it, reclassify, transfer, assign."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError
from sla.models import Severity

from .. import deadlines
from ..locks import ticket_lock
from ..models import Team, Ticket, TicketEvent
from ..workflow.moves import move


@transaction.atomic
def ticket_transition(
    *, actor: User | None, ticket: Ticket, to_status: str, reason: str = "", now: datetime | None = None
) -> Ticket:
    """Move a ticket along TKT-6's table (tickets/workflow); `actor=None` is the system.

    Staff reasons for "pending client" and "awaiting validation" are what the client must read,
    so they are also posted to the timeline as a public message.
    """
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    move(ticket, to_status, actor=actor, reason=reason, now=now)
    return ticket


@transaction.atomic
def ticket_reclassify(
    *, actor: User, ticket: Ticket, severity: str, reason: str, now: datetime | None = None
) -> Ticket:
    """An analyst changes the severity with a reason; deadlines are recomputed from the opening (SLA-3)."""
    access.require_staff(actor)
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    if severity not in Severity.values:
        raise DomainError(_("Severidade desconhecida."), field="severity")
    if not reason.strip():
        raise DomainError(_("Informe o motivo da reclassificação."), field="reason")
    if ticket.is_closed:
        raise DomainError(_("Chamado encerrado não é reclassificado."))
    if severity == ticket.severity:
        raise DomainError(_("O chamado já tem esta severidade."), field="severity")
    previous = ticket.severity
    ticket.severity = severity
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.SEVERITY,
        actor=actor,
        created_at=now,
        from_value=previous,
        to_value=severity,
        reason=reason.strip(),
    )
    ticket.save(update_fields=["severity", "updated_at", *deadlines.refresh_sla(ticket, now=now)])
    return ticket


@transaction.atomic
def ticket_transfer(
    *, actor: User, ticket: Ticket, team: Team, reason: str, now: datetime | None = None
) -> Ticket:
    """Send a ticket to another team (TKT-5); the transfer is recorded and the assignee cleared."""
    access.require_staff(actor)
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    if ticket.is_closed:
        raise DomainError(_("Chamado encerrado não é transferido."))
    if team.pk == ticket.team_id:
        raise DomainError(_("O chamado já está nesta equipe."), field="team")
    if not reason.strip():
        raise DomainError(_("Informe o motivo da transferência."), field="reason")
    previous = ticket.team.name
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.TRANSFER,
        actor=actor,
        created_at=now,
        from_value=previous,
        to_value=team.name,
        reason=reason.strip(),
    )
    ticket.team = team
    ticket.assignee = None
    ticket.save(update_fields=["team", "assignee", "updated_at"])
    return ticket


@transaction.atomic
def ticket_assign(
    *, actor: User, ticket: Ticket, assignee: User | None, now: datetime | None = None
) -> Ticket:
    """Give a ticket to an analyst (or take it back to the queue with None)."""
    access.require_staff(actor)
    now = now or timezone.now()
    ticket = ticket_lock(ticket)
    if assignee is not None and not access.is_staff(assignee):
        raise DomainError(_("Chamados são atribuídos a analistas ativos."), field="assignee")
    if ticket.is_closed:
        raise DomainError(_("Chamado encerrado não é atribuído."))
    if ticket.assignee_id == (assignee.pk if assignee else None):
        return ticket
    previous = ticket.assignee.full_name if ticket.assignee else ""
    ticket.assignee = assignee
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.ASSIGNMENT,
        actor=actor,
        created_at=now,
        from_value=previous,
        to_value=assignee.full_name if assignee else "",
    )
    ticket.save(update_fields=["assignee", "updated_at"])
    return ticket
