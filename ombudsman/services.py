"""Every write of the Ombudsman (OMB-1): a client opens a compliment or a complaint citing earlier
tickets of the company; its deadline is counted in business hours on the "Ouvidoria" calendar,
frozen at the opening; the ombudsman team moves it (opened → in analysis → answered → closed) and
both sides add messages. The client is told by e-mail when the case is answered (outbox)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError
from outbox.services import email_enqueue
from sla import services as sla
from sla.models import Calendar, CalendarSnapshot

from .models import DEFAULT_TARGET_HOURS, OMBUDSMAN_CALENDAR, Case, CaseEntry

C = Case.Status
SUBJECT_MAX = 150
TEXT_MAX = 5000


def _text(value: str, *, field: str, message: str, max_length: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    if len(text) > max_length:
        raise DomainError(_("No máximo %(n)s caracteres.") % {"n": max_length}, field=field)
    return text


def case_due_at(opened_at: datetime, hours: int = DEFAULT_TARGET_HOURS) -> tuple[datetime, CalendarSnapshot]:
    """The deadline: `hours` business hours after `opened_at` on the Ouvidoria calendar, and the
    frozen snapshot it was counted on."""
    calendar = Calendar.objects.get(slug=OMBUDSMAN_CALENDAR)
    snapshot = sla.calendar_snapshot(calendar=calendar, around=opened_at)
    return sla.snapshot_clock(snapshot).add(opened_at, hours * 3600), snapshot


@transaction.atomic
def case_open(
    *,
    actor: User,
    kind: str,
    ticket_numbers: list[str],
    subject: str,
    description: str,
    now: datetime | None = None,
) -> Case:
    """A client registers a compliment or a complaint about tickets they may see."""
    access.require_case_client(actor)
    if kind not in Case.Kind.values:
        raise DomainError(_("Escolha entre elogio e reclamação."), field="kind")
    tickets = access.cited_tickets(actor, ticket_numbers)
    subject_text = _text(subject, field="subject", message=_("Informe o assunto."), max_length=SUBJECT_MAX)
    body = _text(description, field="description", message=_("Conte o que aconteceu."))
    now = now or timezone.now()
    due_at, snapshot = case_due_at(now)
    case = Case.objects.create(
        kind=kind,
        company=tickets[0].company,
        opened_by=actor,
        subject=subject_text,
        description=body,
        calendar_snapshot=snapshot,
        opened_at=now,
        due_at=due_at,
    )
    case.protocol = f"OUV-{timezone.localtime(now, sla.SAO_PAULO).year}-{case.pk:06d}"
    case.save(update_fields=["protocol"])
    case.tickets.set(tickets)
    return case


@transaction.atomic
def case_message(*, actor: User, case: Case, body: str, now: datetime | None = None) -> CaseEntry:
    """A message on the case's timeline: the client's, or the ombudsman team's."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    from_team = access.is_staff(actor)
    if not from_team:
        access.require_case_client(actor)
        if not access.cases_visible_to(actor).filter(pk=locked.pk).exists():
            raise DomainError(_("Manifestação não encontrada."), code="not_found")
    if locked.status == C.CLOSED:
        raise ConflictError(
            _("Esta manifestação está encerrada. Para um assunto novo, registre outra manifestação."),
            code="case_closed",
        )
    text = _text(body, field="body", message=_("Escreva a mensagem."))
    return CaseEntry.objects.create(
        case=locked,
        kind=CaseEntry.Kind.MESSAGE,
        author=actor,
        from_team=from_team,
        body=text,
        created_at=now or timezone.now(),
    )


def check_move(from_status: str, to_status: str, answer: str) -> str:
    """The case's moves, for the service and the back-office form; the answer is needed to answer."""
    if to_status not in C.values:
        raise DomainError(_("Situação desconhecida."), field="to_status")
    if to_status not in Case.MOVES[from_status]:
        raise ConflictError(
            _("Uma manifestação %(from)s não passa para %(to)s.")
            % {"from": C(from_status).label.lower(), "to": C(to_status).label.lower()},
            code="move_refused",
        )
    text = (answer or "").strip()
    if to_status == C.ANSWERED and not text:
        raise DomainError(_("Escreva a resposta ao cliente."), field="answer")
    return text


@transaction.atomic
def case_move(
    *, actor: User, case: Case, to_status: str, answer: str = "", now: datetime | None = None
) -> Case:
    """The ombudsman team moves a case; answering records the answer and e-mails the client."""
    access.require_staff(actor, _("Somente a equipe da Ouvidoria trata as manifestações."))
    now = now or timezone.now()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    text = check_move(locked.status, to_status, answer)
    CaseEntry.objects.create(
        case=locked,
        kind=CaseEntry.Kind.STATUS,
        author=actor,
        from_team=True,
        body=text,
        from_status=locked.status,
        to_status=to_status,
        created_at=now,
    )
    locked.status = to_status
    fields = ["status"]
    if to_status == C.ANSWERED:
        locked.answer, locked.answered_at = text, now
        fields += ["answer", "answered_at"]
    if to_status == C.CLOSED:
        locked.closed_at = now
        fields.append("closed_at")
    locked.save(update_fields=fields)
    if to_status == C.ANSWERED:
        _notify_answered(locked)
    return locked


def _notify_answered(case: Case) -> None:
    client = User.objects.get(pk=case.opened_by_id)
    if not client.is_active or not client.email:
        return
    email_enqueue(
        to=client.email,
        template="ombudsman/answered",
        language=client.language,
        context={
            "name": client.get_short_name(),
            "protocol": case.protocol,
            "kind": Case.Kind(case.kind).label.lower(),
            "subject": case.subject,
            "answer": case.answer,
            "path": f"/ouvidoria/{case.protocol}/",
        },
        dedupe_key=f"ombudsman-answered:{case.pk}",
    )
