"""Every write on tickets (TKT-1..7, TKT-10, SEV-1..2, SLA-1..8).

The portal, the admin, the API and the periodic jobs call these functions, so a rule lives in one
place. Rules raise `DomainError`; missing rights raise `PermissionDenied`; another company's ticket
is never reached here because callers load tickets through `tickets.selectors`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.models import Company, User
from core.errors import ConflictError, DomainError, ForbiddenError
from outbox.services import email_enqueue
from sla.models import Severity

from . import deadlines, lifecycle
from .attachments import CheckedFile, check_uploads
from .models import Attachment, Message, Product, ProductVersion, Routine, Team, Ticket, TicketEvent

S = Ticket.Status
ANALYST, CLIENT, SYSTEM = "analyst", "client", "system"

# TKT-6: every allowed move and who may make it. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.NEW, S.IN_ANALYSIS): frozenset({ANALYST}),
    (S.NEW, S.PENDING_CLIENT): frozenset({ANALYST}),
    (S.NEW, S.IN_MAINTENANCE): frozenset({ANALYST}),
    (S.NEW, S.AWAITING_VALIDATION): frozenset({ANALYST}),
    (S.IN_ANALYSIS, S.PENDING_CLIENT): frozenset({ANALYST}),
    (S.IN_ANALYSIS, S.IN_MAINTENANCE): frozenset({ANALYST}),
    (S.IN_ANALYSIS, S.AWAITING_VALIDATION): frozenset({ANALYST}),
    (S.PENDING_CLIENT, S.IN_ANALYSIS): frozenset({ANALYST, CLIENT}),  # a client reply (TKT-7)
    (S.PENDING_CLIENT, S.IN_MAINTENANCE): frozenset({ANALYST}),
    (S.PENDING_CLIENT, S.AWAITING_VALIDATION): frozenset({ANALYST, SYSTEM}),  # TKT-8
    (S.IN_MAINTENANCE, S.IN_ANALYSIS): frozenset({ANALYST}),
    (S.IN_MAINTENANCE, S.PENDING_CLIENT): frozenset({ANALYST}),
    (S.IN_MAINTENANCE, S.AWAITING_VALIDATION): frozenset({ANALYST}),
    (S.AWAITING_VALIDATION, S.IN_ANALYSIS): frozenset({ANALYST, CLIENT}),  # rejection (ACP-3)
    (S.AWAITING_VALIDATION, S.CLOSED): frozenset({CLIENT, SYSTEM}),  # acceptance / ACP-4
}
# Moves whose reason the client must read: it is also posted as a message of the timeline.
REASON_REQUIRED: dict[tuple[str, str], object] = {
    (ANALYST, S.PENDING_CLIENT): gettext_lazy("Diga ao cliente o que falta (dados, testes) para continuar."),
    (ANALYST, S.AWAITING_VALIDATION): gettext_lazy("Descreva a solução proposta ao cliente."),
    (CLIENT, S.IN_ANALYSIS): gettext_lazy("Informe o motivo."),
}
PUBLIC_REASON_TARGETS = frozenset({S.PENDING_CLIENT, S.AWAITING_VALIDATION})


# --- Who is acting -------------------------------------------------------------------------------------


def actor_role(actor: User | None, ticket: Ticket) -> str:
    """'system' for jobs, 'analyst' for staff, 'client' for the company's contact or partner consultant."""
    role = access.ticket_actor_role(actor, ticket)
    return ANALYST if role in access.STAFF_ROLES else str(role)


def _require_analyst(actor: User) -> None:
    access.require_staff(actor)


# --- Severity (SEV-1) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeverityAnswers:
    """The four questions asked at opening (SEV-1)."""

    function_unusable: bool
    has_workaround: bool
    data_corruption: bool
    cosmetic: bool


def severity_classify(answers: SeverityAnswers) -> str:
    """SEV-1: data corruption, or a function that cannot be used with no workaround, is critical;
    a function usable only through a workaround is high; cosmetic problems are low; the rest medium."""
    if answers.data_corruption or (answers.function_unusable and not answers.has_workaround):
        return Severity.CRITICAL
    if answers.function_unusable:
        return Severity.HIGH
    if answers.cosmetic:
        return Severity.LOW
    return Severity.MEDIUM


# --- Numbers (TKT-4) -----------------------------------------------------------------------------------


def _new_number() -> str:
    # 8 random digits (not a sequence other companies could walk); uniqueness by the DB constraint.
    return f"{10_000_000 + secrets.randbelow(90_000_000)}"


# --- Opening (TKT-1, TKT-2, TKT-3, ACC-4, ACC-6, TEN-3) ------------------------------------------------


def _check_catalogue(company: Company, product: Product, routine: Routine, version: ProductVersion) -> None:
    if not product.is_active:
        raise DomainError(_("Este produto não está disponível para chamados."), field="product")
    if not company.product_lines.filter(pk=product.line_id).exists():
        raise DomainError(_("Sua empresa não contratou a linha deste produto."), field="product")
    if routine.product_id != product.pk or not routine.is_active:
        raise DomainError(_("Escolha uma rotina do produto selecionado."), field="routine")
    if version.product_id != product.pk or not version.is_active:
        raise DomainError(_("Escolha uma versão do produto selecionado."), field="version")


def _store_attachments(
    ticket: Ticket, files: Sequence[CheckedFile], *, actor: User, message: Message | None, now: datetime
) -> list[Attachment]:
    stored = []
    for checked in files:
        attachment = Attachment(
            ticket=ticket,
            message=message,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
            created_at=now,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def ticket_open(
    *,
    actor: User,
    company: Company,
    product: Product,
    routine: Routine,
    version: ProductVersion,
    environment: str,
    summary: str,
    description: str,
    answers: SeverityAnswers,
    kind: str = Ticket.Kind.TECHNICAL,
    modality: str = Ticket.Modality.STANDARD,
    environment_details: str = "",
    error_message: str = "",
    particularities: str = "",
    files: Iterable = (),
    now: datetime | None = None,
    follow_up_of: Ticket | None = None,
    skip_financial_guard: bool = False,
) -> Ticket:
    """Open a ticket with its forecast (SLA-1): severity from the answers, team from the routine.

    `follow_up_of` links a follow-up to its closed original (TKT-9, see lifecycle.ticket_follow_up).
    """
    now = now or timezone.now()
    contact = access.ticket_opening_contact(actor, company)
    if not skip_financial_guard:
        access.company_assert_can_open_ticket(company=company, kind=kind)
    if kind not in Ticket.Kind.values:
        raise DomainError(_("Tipo de chamado desconhecido."), field="kind")
    if modality not in Ticket.Modality.values:
        raise DomainError(_("Modalidade desconhecida."), field="modality")
    if environment not in Ticket.Environment.values:
        raise DomainError(_("Ambiente desconhecido."), field="environment")
    if not summary.strip() or not description.strip():
        raise DomainError(_("Informe o resumo e a descrição do problema."), field="summary")
    _check_catalogue(company, product, routine, version)
    checked = check_uploads(files)

    ticket = Ticket(
        company=company,
        requester=actor,
        requester_contact=contact,
        kind=kind,
        modality=modality,
        product=product,
        routine=routine,
        version=version,
        environment=environment,
        environment_details=environment_details.strip(),
        summary=" ".join(summary.split()),
        description=description.strip(),
        error_message=error_message.strip(),
        particularities=particularities.strip(),
        answer_function_unusable=answers.function_unusable,
        answer_has_workaround=answers.has_workaround,
        answer_data_corruption=answers.data_corruption,
        answer_cosmetic=answers.cosmetic,
        severity=severity_classify(answers),
        status=S.NEW,
        team=routine.team or product.default_team,
        created_at=now,
        status_changed_at=now,
        follow_up_of=follow_up_of,
    )
    sla = deadlines.ticket_sla_compute(
        company=company, severity=ticket.severity, kind=kind, opened_at=now, history=[(now, S.NEW)], now=now
    )
    deadlines.apply_sla(ticket, sla)
    for _attempt in range(10):
        ticket.number = _new_number()
        try:
            with transaction.atomic():
                ticket.save(force_insert=True)
            break
        except IntegrityError:
            if not Ticket.objects.filter(number=ticket.number).exists():
                raise
            ticket.pk = None
    else:  # pragma: no cover - 10 collisions among 90 million numbers
        raise DomainError(_("Não foi possível numerar o chamado; tente de novo."))
    TicketEvent.objects.create(
        ticket=ticket, kind=TicketEvent.Kind.OPENED, actor=actor, created_at=now, to_value=S.NEW
    )
    _store_attachments(ticket, checked, actor=actor, message=None, now=now)
    notify_requester(ticket, "tickets/opened", due_at=ticket.sla_due_at)
    return ticket


# --- Status (TKT-6, TKT-7) -----------------------------------------------------------------------------


def _lock(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().select_related("company", "sla_snapshot").get(pk=ticket.pk)


def _check_move(ticket: Ticket, to_status: str, role: str, reason: str) -> None:
    if to_status not in S.values:
        raise DomainError(_("Situação desconhecida: %(status)s.") % {"status": to_status}, field="status")
    allowed = TRANSITIONS.get((ticket.status, to_status))
    if not allowed:
        raise ConflictError(
            _("Não é possível passar de “%(from)s” para “%(to)s”.")
            % {"from": S(ticket.status).label, "to": S(to_status).label},
            code="invalid_transition",
            field="status",
        )
    if role not in allowed:
        raise ConflictError(
            _("A passagem de “%(from)s” para “%(to)s” não pode ser feita por você.")
            % {"from": S(ticket.status).label, "to": S(to_status).label},
            code="transition_not_allowed",
            field="status",
        )
    hint = REASON_REQUIRED.get((role, to_status))
    if hint and not reason.strip():
        raise DomainError(str(hint), code="reason_required", field="reason")


def _move(ticket: Ticket, to_status: str, *, actor: User | None, reason: str, now: datetime) -> TicketEvent:
    """Change the status of a locked ticket, record the event and refresh the SLA fields."""
    from_status = ticket.status
    ticket.status = to_status
    ticket.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if to_status == S.CLOSED:
        ticket.closed_at = now
        fields.append("closed_at")
    fields += lifecycle.status_entered(ticket, to_status, now=now)
    event = TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.STATUS,
        actor=actor,
        created_at=now,
        from_value=from_status,
        to_value=to_status,
        reason=reason.strip(),
    )
    fields += deadlines.refresh_sla(ticket, now=now)
    ticket.save(update_fields=fields)
    if to_status == S.CLOSED or (
        to_status == S.AWAITING_VALIDATION and ticket.acceptance_policy.survey_on_validation
    ):
        lifecycle.survey_send(ticket, now=now)  # SRV-1
    return event


@transaction.atomic
def ticket_transition(
    *, actor: User | None, ticket: Ticket, to_status: str, reason: str = "", now: datetime | None = None
) -> Ticket:
    """Move a ticket along TKT-6's table; `actor=None` is the system (periodic jobs).

    Analysts' reasons for "pending client" and "awaiting validation" are what the client must read,
    so they are also posted to the timeline as a public message.
    """
    now = now or timezone.now()
    ticket = _lock(ticket)
    role = actor_role(actor, ticket)
    _check_move(ticket, to_status, role, reason)
    _move(ticket, to_status, actor=actor, reason=reason, now=now)
    if role == ANALYST and to_status in PUBLIC_REASON_TARGETS:
        Message.objects.create(ticket=ticket, author=actor, body=reason.strip(), created_at=now)
    notify_status(ticket, reason=reason.strip() if to_status in PUBLIC_REASON_TARGETS else "")
    return ticket


@transaction.atomic
def ticket_reply(
    *,
    actor: User,
    ticket: Ticket,
    body: str,
    files: Iterable = (),
    internal: bool = False,
    now: datetime | None = None,
) -> Message:
    """Add a message (TKT-7). A client reply on "pending client" or during validation sends the
    ticket back to analysis; internal notes are for analysts only. A client writing to a closed
    ticket (e.g. one the acceptance job just closed) opens a follow-up with their words instead:
    the returned message's `.ticket` is then the follow-up (TKT-9)."""
    now = now or timezone.now()
    ticket = _lock(ticket)
    role = actor_role(actor, ticket)
    if internal and role != ANALYST:
        raise ForbiddenError(_("Somente analistas escrevem notas internas."))
    if not body.strip():
        raise DomainError(_("Escreva a mensagem."), field="body")
    if ticket.is_closed:
        if role != CLIENT:
            raise ConflictError(
                _("Este chamado está encerrado e não recebe mensagens."), code="ticket_closed"
            )
        # TKT-9 / OPS-1: a closed ticket never reopens; the client's words become a follow-up.
        follow_up = lifecycle.ticket_follow_up(
            actor=actor, original=ticket, body=body, files=files, now=now, from_reply=True
        )
        # Not saved: the words are the follow-up's description; `.ticket` tells callers where they went.
        return Message(ticket=follow_up, author=actor, body=body.strip(), created_at=now)
    checked = check_uploads(files)
    message = Message.objects.create(
        ticket=ticket, author=actor, body=body.strip(), is_internal=internal, created_at=now
    )
    _store_attachments(ticket, checked, actor=actor, message=message, now=now)
    if role == CLIENT and ticket.status == S.PENDING_CLIENT:
        _move(ticket, S.IN_ANALYSIS, actor=actor, reason=_("Resposta do cliente"), now=now)
    elif role == CLIENT and ticket.status == S.AWAITING_VALIDATION:
        # A message during validation means the solution did not settle it: back to analysis.
        _move(
            ticket, S.IN_ANALYSIS, actor=actor, reason=_("Mensagem do cliente durante a validação"), now=now
        )
    else:
        ticket.save(update_fields=["updated_at"])
    if role == ANALYST and not internal:
        notify_requester(ticket, "tickets/new_message", body=message.body)
    return message


# --- Analyst actions (SEV-1, SLA-3, TKT-5) -------------------------------------------------------------


@transaction.atomic
def ticket_reclassify(
    *, actor: User, ticket: Ticket, severity: str, reason: str, now: datetime | None = None
) -> Ticket:
    """An analyst changes the severity with a reason; deadlines are recomputed from the opening (SLA-3)."""
    _require_analyst(actor)
    now = now or timezone.now()
    ticket = _lock(ticket)
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
    _require_analyst(actor)
    now = now or timezone.now()
    ticket = _lock(ticket)
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
    _require_analyst(actor)
    now = now or timezone.now()
    ticket = _lock(ticket)
    if assignee is not None and not assignee.is_analyst:
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


# --- Notifications (OPS-2) -----------------------------------------------------------------------------


def notify_status(ticket: Ticket, *, reason: str = "") -> None:
    """Tell the requester about the status just entered (OPS-2): a proposed solution carries the
    acceptance deadline (ACP-1), a closure the survey link (SRV-1)."""
    if ticket.status == S.AWAITING_VALIDATION:
        policy = ticket.acceptance_policy
        notify_requester(
            ticket,
            "tickets/solution_proposed",
            reason=reason,
            deadline=ticket.acceptance_deadline,
            can_postpone=bool(policy and policy.postponement_days),
            postponement_days=policy.postponement_days if policy else 0,
        )
    elif ticket.status == S.CLOSED:
        notify_requester(ticket, "tickets/closed")
    else:
        notify_requester(ticket, "tickets/status_changed", reason=reason)


def notify_requester(ticket: Ticket, template: str, *, dedupe_key: str | None = None, **context) -> None:
    """E-mail the ticket's requester in their language through the outbox (OPS-2)."""
    requester = access.ticket_notice_recipient(ticket)
    if requester is None:
        return
    email_enqueue(
        to=requester.email,
        template=template,
        language=requester.language,
        context={
            "name": requester.get_short_name(),
            "number": ticket.number,
            "summary": ticket.summary,
            "status": S(ticket.status).label,  # lazy: rendered in the recipient's language
            "status_code": ticket.status,
            "ticket_path": f"/chamados/{ticket.number}/",
            **context,
        },
        dedupe_key=dedupe_key,
    )
