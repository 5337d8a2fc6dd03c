"""Remote-access credentials (CHN-4): the client gives them on the ticket page; the analysts of
the ticket's team reveal them, each reveal in the audit trail. They are encrypted at rest
(tickets.models.remote_access) and deleted by the database when the ticket closes."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from audit.services import Kind, audit_record
from core.errors import ConflictError, DomainError, NotFoundError

from ..locks import ticket_lock
from ..models import Credentials, RemoteAccess, Ticket

MAX_LENGTH = {"user": 150, "password": 256, "notes": 500}


def _clean(credentials: Credentials) -> Credentials:
    cleaned = Credentials(
        user=credentials.user.strip(), password=credentials.password, notes=credentials.notes.strip()
    )
    if not cleaned.user:
        raise DomainError(_("Informe o usuário do acesso remoto."), field="user", code="required")
    if not cleaned.password:
        raise DomainError(_("Informe a senha do acesso remoto."), field="password", code="required")
    for field, limit in MAX_LENGTH.items():
        if len(getattr(cleaned, field)) > limit:
            raise DomainError(
                _("Use no máximo %(limit)d caracteres.") % {"limit": limit}, field=field, code="too_long"
            )
    return cleaned


@transaction.atomic
def remote_access_save(
    *,
    actor: User,
    ticket: Ticket,
    credentials: Credentials,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> RemoteAccess:
    """The client gives (or replaces) the credentials of an open ticket."""
    access.require_remote_access_provider(actor, ticket)
    credentials = _clean(credentials)
    ticket = ticket_lock(ticket)
    if ticket.status == Ticket.Status.CLOSED:
        raise ConflictError(_("O chamado está encerrado: o acesso remoto não é mais necessário."))
    remote = RemoteAccess.objects.filter(ticket=ticket).first() or RemoteAccess(ticket=ticket)
    remote.seal(credentials)
    remote.provided_by = actor
    remote.provided_at = now or timezone.now()
    remote.save()
    audit_record(
        kind=Kind.REMOTE_ACCESS_SAVED,
        actor=actor,
        request=request,
        ticket_id=ticket.pk,
        company_id=ticket.company_id,
    )
    return remote


def remote_access_reveal(*, actor: User, ticket: Ticket, request: HttpRequest | None = None) -> Credentials:
    """An analyst of the ticket's team reads the credentials; the reveal is audited first."""
    access.require_remote_access_reveal(actor, ticket)
    remote = RemoteAccess.objects.filter(ticket=ticket).first()
    if remote is None:
        raise NotFoundError(_("O cliente não informou acesso remoto neste chamado."))
    credentials = remote.unseal()
    audit_record(
        kind=Kind.REMOTE_ACCESS_REVEALED,
        actor=actor,
        request=request,
        ticket_id=ticket.pk,
        company_id=ticket.company_id,
    )
    return credentials
