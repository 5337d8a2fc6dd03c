"""What happens around a proposed solution: the acceptance window, follow-ups and surveys.

ACP-1..5, TKT-8, TKT-9, SRV-1..3. Writes, like tickets/services.py; the status moves themselves go
through `services._move`, which calls `status_entered` here to set the windows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import ConflictError, DomainError, ForbiddenError

from .models import AcceptancePolicy, Survey, Ticket, TicketEvent

S = Ticket.Status
PENDING_CLIENT_BUSINESS_DAYS = 7  # TKT-8
_SURVEY_SALT = "tickets.survey"


# --- Windows -------------------------------------------------------------------------------------------


def acceptance_policy_for(ticket: Ticket) -> AcceptancePolicy:
    """The policy of the ticket's product line, or the default one (ACP-5)."""
    policy = AcceptancePolicy.objects.filter(product_line_id=ticket.product.line_id).first()
    return policy or AcceptancePolicy.objects.get(is_default=True)


def _clock(ticket: Ticket):
    from sla import services as sla_services

    return sla_services.snapshot_clock(ticket.sla_snapshot)


def _business_days_later(ticket: Ticket, start: datetime, days: int) -> datetime:
    clock = _clock(ticket)
    return clock.add(start, clock.days_to_seconds(start, days))


def acceptance_window(
    ticket: Ticket, policy: AcceptancePolicy, start: datetime
) -> tuple[datetime, datetime | None]:
    """(deadline, reminder instant) of a window opened at `start` (ACP-1, ACP-2, ACP-5)."""
    length, before = policy.window_length, policy.reminder_before
    if policy.window_unit == AcceptancePolicy.Unit.BUSINESS:
        deadline = _business_days_later(ticket, start, length)
        reminder = _business_days_later(ticket, start, length - before) if 0 < before < length else None
    else:
        deadline = start + timedelta(days=length)
        reminder = deadline - timedelta(days=before) if 0 < before < length else None
    return deadline, reminder


def pending_client_deadline(ticket: Ticket, start: datetime) -> datetime:
    """TKT-8: 7 business days of the ticket's service calendar after entering "pending client"."""
    return _business_days_later(ticket, start, PENDING_CLIENT_BUSINESS_DAYS)


def status_entered(ticket: Ticket, to_status: str, *, now: datetime) -> list[str]:
    """Set the automatic-action instant and the acceptance window for the status just entered.

    Called by `services._move` on the locked ticket; returns the fields it changed.
    """
    ticket.auto_action_at = None
    fields = ["auto_action_at"]
    if to_status == S.PENDING_CLIENT:
        ticket.auto_action_at = pending_client_deadline(ticket, now)
    if to_status == S.AWAITING_VALIDATION:
        policy = acceptance_policy_for(ticket)
        deadline, reminder = acceptance_window(ticket, policy, now)
        ticket.acceptance_policy = policy
        ticket.acceptance_deadline = deadline
        ticket.acceptance_reminder_at = reminder
        ticket.acceptance_reminder_sent_at = None
        ticket.acceptance_postponed_at = None
        ticket.auto_action_at = deadline
        fields += [
            "acceptance_policy",
            "acceptance_deadline",
            "acceptance_reminder_at",
            "acceptance_reminder_sent_at",
            "acceptance_postponed_at",
        ]
    return fields


# --- The client's answer to a proposed solution (ACP-3) ------------------------------------------------


def _client_on(actor: User, ticket: Ticket) -> None:
    if access.ticket_actor_role(actor, ticket) != access.ActorRole.CLIENT:
        raise ForbiddenError(_("Somente o cliente valida a solução."))


def _require_open_window(ticket: Ticket, now: datetime) -> None:
    if ticket.status != S.AWAITING_VALIDATION:
        raise ConflictError(
            _("Este chamado não está aguardando a sua validação."), code="not_awaiting_validation"
        )
    if ticket.acceptance_deadline and now >= ticket.acceptance_deadline:
        raise ConflictError(_("O prazo para validar esta solução terminou."), code="window_over")


@transaction.atomic
def ticket_accept_solution(*, actor: User, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """ACP-3: the client accepts the proposed solution and the ticket closes for good."""
    from .services import _lock, _move, notify_status

    now = now or timezone.now()
    ticket = _lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    _move(ticket, S.CLOSED, actor=actor, reason=_("Solução aceita pelo cliente"), now=now)
    notify_status(ticket)
    return ticket


@transaction.atomic
def ticket_reject_solution(
    *, actor: User, ticket: Ticket, reason: str, now: datetime | None = None
) -> Ticket:
    """ACP-3: the client rejects the solution with a mandatory reason; the ticket goes back to analysis."""
    from .services import _lock, _move, notify_status

    now = now or timezone.now()
    ticket = _lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    if not reason.strip():
        raise DomainError(
            _("Diga por que a solução não resolveu o problema."), field="reason", code="reason_required"
        )
    from .models import Message

    Message.objects.create(ticket=ticket, author=actor, body=reason.strip(), created_at=now)
    _move(ticket, S.IN_ANALYSIS, actor=actor, reason=reason, now=now)
    notify_status(ticket)
    return ticket


@transaction.atomic
def ticket_postpone_acceptance(*, actor: User, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """ACP-3: once, before the window ends, the client postpones the deadline by the policy's days."""
    from .services import _lock

    now = now or timezone.now()
    ticket = _lock(ticket)
    _client_on(actor, ticket)
    _require_open_window(ticket, now)
    policy = ticket.acceptance_policy or acceptance_policy_for(ticket)
    if policy.postponement_days == 0:
        raise ConflictError(_("Esta linha de produto não permite adiar a validação."), code="no_postponement")
    if ticket.acceptance_postponed_at is not None:
        raise ConflictError(_("A validação já foi adiada uma vez."), code="already_postponed")
    previous = ticket.acceptance_deadline
    ticket.acceptance_deadline = previous + timedelta(days=policy.postponement_days)
    ticket.acceptance_postponed_at = now
    ticket.auto_action_at = ticket.acceptance_deadline
    if policy.reminder_before:
        ticket.acceptance_reminder_at = ticket.acceptance_deadline - timedelta(days=policy.reminder_before)
        ticket.acceptance_reminder_sent_at = None
    TicketEvent.objects.create(
        ticket=ticket,
        kind=TicketEvent.Kind.POSTPONED,
        actor=actor,
        created_at=now,
        from_value=previous.isoformat(),
        to_value=ticket.acceptance_deadline.isoformat(),
        reason=_("Validação adiada por %(days)d dias") % {"days": policy.postponement_days},
    )
    ticket.save(
        update_fields=[
            "acceptance_deadline",
            "acceptance_postponed_at",
            "auto_action_at",
            "acceptance_reminder_at",
            "acceptance_reminder_sent_at",
            "updated_at",
        ]
    )
    return ticket


# --- Follow-ups (TKT-9) --------------------------------------------------------------------------------


@transaction.atomic
def ticket_follow_up(
    *,
    actor: User,
    original: Ticket,
    body: str,
    summary: str = "",
    files=(),
    now: datetime | None = None,
    from_reply: bool = False,
) -> Ticket:
    """Open a follow-up of a closed ticket: a new number, linked both ways, with the original's
    product, routine, version and severity answers. The closed ticket never reopens.

    `from_reply`: the client wrote to a ticket that had just closed (ACP-4 racing a reply); their
    words become the follow-up, so the financial guard does not stop them.
    """
    from . import services

    now = now or timezone.now()
    original = Ticket.objects.select_related("product", "routine", "version", "company").get(pk=original.pk)
    if access.ticket_actor_role(actor, original) != access.ActorRole.CLIENT:
        raise ForbiddenError(_("Somente o cliente abre acompanhamentos."))
    if not original.is_closed:
        raise ConflictError(
            _("Acompanhamentos são abertos a partir de chamados encerrados."), code="not_closed"
        )
    if not body.strip():
        raise DomainError(_("Descreva o que precisa no acompanhamento."), field="body")
    answers = services.SeverityAnswers(
        function_unusable=original.answer_function_unusable,
        has_workaround=original.answer_has_workaround,
        data_corruption=original.answer_data_corruption,
        cosmetic=original.answer_cosmetic,
    )
    follow_up = services.ticket_open(
        actor=actor,
        company=original.company,
        product=original.product,
        routine=original.routine,
        version=original.version,
        environment=original.environment,
        environment_details=original.environment_details,
        kind=original.kind,
        modality=original.modality,
        summary=summary.strip()
        or _("Acompanhamento do chamado %(number)s: %(summary)s")
        % {"number": original.number, "summary": original.summary},
        description=body,
        answers=answers,
        files=files,
        now=now,
        follow_up_of=original,
        skip_financial_guard=from_reply,
    )
    return follow_up


# --- Surveys (SRV-1..3) --------------------------------------------------------------------------------


def survey_send(ticket: Ticket, *, now: datetime) -> Survey | None:
    """Create the ticket's survey and e-mail its link to the requester, once (SRV-1, SRV-2)."""
    survey, created = Survey.objects.get_or_create(
        ticket=ticket, defaults={"analyst_id": ticket.assignee_id, "team_id": ticket.team_id, "sent_at": now}
    )
    if not created:
        return None
    _survey_email(ticket, survey)
    return survey


def surveys_send(tickets: list[Ticket], *, now: datetime) -> list[Survey]:
    """`survey_send` for a batch of locked tickets (periodic jobs): one SELECT, one INSERT."""
    if not tickets:
        return []
    existing = set(Survey.objects.filter(ticket__in=tickets).values_list("ticket_id", flat=True))
    new = [ticket for ticket in tickets if ticket.pk not in existing]
    surveys = Survey.objects.bulk_create(
        Survey(ticket=ticket, analyst_id=ticket.assignee_id, team_id=ticket.team_id, sent_at=now)
        for ticket in new
    )
    for ticket, survey in zip(new, surveys, strict=True):
        _survey_email(ticket, survey)
    return surveys


def _survey_email(ticket: Ticket, survey: Survey) -> None:
    from .services import notify_requester

    notify_requester(
        ticket, "tickets/survey", survey_path=survey_path(survey), dedupe_key=f"survey:{ticket.pk}"
    )


def survey_token(survey: Survey) -> str:
    return signing.dumps({"s": survey.pk}, salt=_SURVEY_SALT)


def survey_path(survey: Survey) -> str:
    return reverse("survey-answer", kwargs={"token": survey_token(survey)})


def survey_from_token(token: str) -> Survey | None:
    try:
        data = signing.loads(token, salt=_SURVEY_SALT, max_age=180 * 24 * 3600)
    except signing.BadSignature:
        return None
    return Survey.objects.select_related("ticket", "analyst").filter(pk=data.get("s")).first()


@transaction.atomic
def survey_answer(
    *, token: str, rating: int, solved: bool | None, comment: str = "", now: datetime | None = None
) -> Survey:
    """Record the one answer of a survey (SRV-2): it never touches the ticket."""
    survey = survey_from_token(token)
    if survey is None:
        raise DomainError(_("Este link de pesquisa é inválido ou expirou."), code="invalid_survey")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Dê uma nota de 1 a 5."), field="rating")
    updated = Survey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
        rating=rating, solved=solved, comment=comment.strip()[:4000], answered_at=now or timezone.now()
    )
    if not updated:
        raise ConflictError(_("Esta pesquisa já foi respondida. Obrigado!"), code="already_answered")
    survey.refresh_from_db()
    return survey
