"""Writes of the published solutions (SELF-3): publishing the accepted solution of closed tickets
(anonymised), withholding and releasing a solution, and the analysts' edits of the texts, each
recorded with who and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from core.errors import DomainError, ForbiddenError
from tickets.models import Ticket

from . import selectors
from .anonymize import anonymize
from .models import Solution, SolutionEdit


def _problem_text(ticket: Ticket) -> str:
    """The summary as the first sentence, then the client's description."""
    summary = ticket.summary.strip()
    if summary and summary[-1] not in ".!?:":
        summary += "."
    return f"{summary}\n\n{ticket.description.strip()}".strip()


def solutions_build(tickets: Sequence[Ticket], *, now: datetime) -> list[Solution]:
    """The anonymised (unsaved) solutions of accepted-closed tickets, read with their company and
    requester (selectors.tickets_to_publish): three queries whatever the number of tickets. A
    ticket without a written solution is skipped."""
    if not tickets:
        return []
    accepted = selectors.accepted_solutions_of(ticket.pk for ticket in tickets)
    contacts = selectors.contact_names_of({ticket.company_id for ticket in tickets})
    analysts = selectors.staff_names()
    built = []
    for ticket in tickets:
        text = accepted.get(ticket.pk)
        if not text or ticket.closed_at is None:
            continue
        companies = (ticket.company.trade_name, ticket.company.legal_name)
        names = [*contacts.get(ticket.company_id, []), *analysts, ticket.requester.full_name]
        built.append(
            Solution(
                ticket=ticket,
                product_id=ticket.product_id,
                routine_id=ticket.routine_id,
                problem=anonymize(_problem_text(ticket), companies=companies, names=names),
                solution=anonymize(text, companies=companies, names=names),
                closed_at=ticket.closed_at,
                published_at=now,
            )
        )
    return built


def solutions_publish(tickets: Sequence[Ticket], *, now: datetime | None = None) -> int:
    """Publish the solutions of these accepted-closed tickets in one INSERT; a ticket already
    published (even by a concurrent run) is left as it is. Returns how many rows were built."""
    built = solutions_build(tickets, now=now or timezone.now())
    Solution.objects.bulk_create(built, ignore_conflicts=True)
    return len(built)


def solution_publish_for(ticket: Ticket, *, now: datetime | None = None) -> Solution | None:
    """Publish one ticket's accepted solution (idempotent): its existing solution, the new one,
    or None when the ticket was not closed as accepted (or got a follow-up)."""
    existing = Solution.objects.filter(ticket_id=ticket.pk).first()
    if existing is not None:
        return existing
    eligible = selectors.tickets_to_publish(1, ticket_id=ticket.pk)
    if not eligible:
        return None
    solutions_publish(eligible, now=now)
    return Solution.objects.filter(ticket_id=ticket.pk).first()


def solutions_withdraw_followed_up(*, now: datetime | None = None) -> int:
    """A ticket that got a follow-up was not really solved: its solution is withheld by the
    system, once (one UPDATE; an analyst may release it afterwards)."""
    now = now or timezone.now()
    followed_up = Ticket.objects.filter(follow_up_of=OuterRef("ticket_id"))
    return Solution.objects.filter(Exists(followed_up), withdrawn_at__isnull=True).update(
        withheld=True,
        withheld_reason=_("O cliente abriu um acompanhamento deste chamado."),
        withheld_by=None,
        withheld_at=now,
        withdrawn_at=now,
    )


def _require_curator(actor: User) -> None:
    if not access.may_curate_solutions(actor):
        raise ForbiddenError(_("Somente a equipe de atendimento retém, libera ou edita soluções."))


@transaction.atomic
def solution_withhold(
    *, actor: User, solution: Solution, reason: str, now: datetime | None = None
) -> Solution:
    """An analyst takes a solution out of the search, with the reason."""
    _require_curator(actor)
    if not reason.strip():
        raise DomainError(_("Diga por que a solução deve ser retida."), field="withheld_reason")
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    solution.withheld = True
    solution.withheld_reason = reason.strip()
    solution.withheld_by = actor
    solution.withheld_at = now or timezone.now()
    solution.save(update_fields=["withheld", "withheld_reason", "withheld_by", "withheld_at"])
    return solution


@transaction.atomic
def solution_release(*, actor: User, solution: Solution, now: datetime | None = None) -> Solution:
    """An analyst puts a withheld solution back in the search (the release is recorded as who/when)."""
    _require_curator(actor)
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    solution.withheld = False
    solution.withheld_reason = ""
    solution.withheld_by = actor
    solution.withheld_at = now or timezone.now()
    solution.save(update_fields=["withheld", "withheld_reason", "withheld_by", "withheld_at"])
    return solution


@transaction.atomic
def solution_edit(
    *, actor: User, solution: Solution, problem: str, solution_text: str, now: datetime | None = None
) -> Solution:
    """An analyst corrects the anonymised texts; the edit keeps the texts before and after."""
    _require_curator(actor)
    problem, solution_text = problem.strip(), solution_text.strip()
    if not problem:
        raise DomainError(_("O problema não pode ficar vazio."), field="problem")
    if not solution_text:
        raise DomainError(_("A solução não pode ficar vazia."), field="solution")
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if (problem, solution_text) == (solution.problem, solution.solution):
        return solution
    SolutionEdit.objects.create(
        solution=solution,
        edited_by=actor,
        edited_at=now or timezone.now(),
        problem_before=solution.problem,
        problem_after=problem,
        solution_before=solution.solution,
        solution_after=solution_text,
    )
    solution.problem, solution.solution = problem, solution_text
    solution.save(update_fields=["problem", "solution"])
    return solution
