"""Survey writes (SRV-1, SRV-2): send once when a ticket closes (or, in the retail line, when a
solution is proposed), answer once; answering never touches the ticket."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ConflictError, DomainError
from tickets.models import Ticket
from tickets.notifications import notify_survey

from .models import Survey
from .selectors import survey_from_token
from .tokens import survey_paths


def survey_send(ticket: Ticket, *, now: datetime) -> Survey | None:
    """Create the ticket's survey and e-mail its link to the requester, once (SRV-1, SRV-2)."""
    created = _create([ticket], now=now)
    if not created:
        return None
    ((_ticket, survey, path),) = created
    notify_survey(ticket, path)
    return survey


def surveys_create(tickets: list[Ticket], *, now: datetime) -> dict[int, str]:
    """Create the surveys of a batch of locked tickets that have none yet (SRV-1: once per ticket),
    one SELECT and one INSERT; returns each new survey's link by ticket, for the e-mail that
    carries it (`tickets.notifications.notify_status`)."""
    return {ticket.pk: path for ticket, _survey, path in _create(tickets, now=now)}


def _create(tickets: list[Ticket], *, now: datetime) -> list[tuple[Ticket, Survey, str]]:
    if not tickets:
        return []
    existing = set(Survey.objects.filter(ticket__in=tickets).values_list("ticket_id", flat=True))
    new = [ticket for ticket in tickets if ticket.pk not in existing]
    surveys = Survey.objects.bulk_create(
        Survey(ticket=ticket, analyst_id=ticket.assignee_id, team_id=ticket.team_id, sent_at=now)
        for ticket in new
    )
    return list(zip(new, surveys, survey_paths(surveys), strict=True))


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
