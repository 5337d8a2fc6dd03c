"""Publishing (SELF-3): only tickets closed as accepted are published, anonymised, once; a
follow-up withholds the solution; the job is set-based and idempotent; analysts withhold,
release and edit through the services."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import DomainError, ForbiddenError
from solutions import jobs, services
from solutions.models import Solution
from tests.helpers import at
from tickets import jobs as ticket_jobs
from tickets import services as ticket_services

pytestmark = pytest.mark.django_db

SOLUTION = "Atualize o pacote 12.1.2410 e reenvie a nota pela rotina de transmissão."


def test_accepted_ticket_is_published_anonymised(world, solve):
    world.contact.user.full_name = "Carla Mendes Rocha"
    world.contact.user.save()
    ticket = solve(
        summary="Nota da Metalúrgica Alfa rejeitada",
        description=(
            "Sou Carla Rocha (carla@alfa.example, CPF 529.982.247-25, tel. (11) 98765-4321). "
            "Parecido com o chamado 12345678. A nota não transmite."
        ),
        solution=f"Carla Mendes, {SOLUTION} O analista {world.analyst.full_name} acompanhou.",
    )
    assert jobs.publish_accepted_solutions().published == 1
    solution = Solution.objects.get(ticket=ticket)
    assert solution.product_id == ticket.product_id and solution.routine_id == ticket.routine_id
    assert solution.closed_at == ticket.closed_at
    assert solution.problem == (
        "Nota da [empresa] rejeitada.\n\nSou [nome] ([e-mail], CPF [CPF], tel. [telefone]). "
        "Parecido com o chamado [chamado]. A nota não transmite."
    )
    assert solution.solution == f"[nome], {SOLUTION} O analista [nome] acompanhou."
    assert not solution.withheld


def test_only_tickets_closed_as_accepted(world, solve, open_ticket, django_capture_on_commit_callbacks):
    solve(summary="Aceita pelo cliente", description="x", solution=SOLUTION)
    window = solve(summary="Sem resposta na validação", description="x", solution=SOLUTION, accept=False)
    open_ticket(world.contact.user, summary="Ainda aberto")
    rejected = solve(summary="Solução rejeitada", description="x", solution=SOLUTION, accept=False)
    ticket_services.ticket_reject_solution(
        actor=world.contact.user, ticket=rejected, reason="Não resolveu.", now=at(2026, 3, 11)
    )
    jobs.publish_accepted_solutions()
    assert set(Solution.objects.values_list("ticket__summary", flat=True)) == {"Aceita pelo cliente"}
    with django_capture_on_commit_callbacks(execute=True):
        ticket_jobs.acceptance_autoclose(now=at(2026, 3, 25, 12))  # the window ended: accepted
    jobs.publish_accepted_solutions()
    published = set(Solution.objects.values_list("ticket__summary", flat=True))
    assert published == {"Aceita pelo cliente", "Sem resposta na validação"}
    assert Solution.objects.get(ticket=window).solution == SOLUTION


def test_follow_up_withholds_the_solution_and_is_never_republished(world, solve):
    ticket = solve(summary="Erro no cálculo", description="x", solution=SOLUTION)
    solution = services.solution_publish_for(ticket)
    assert solution is not None and not solution.withheld
    ticket_services.ticket_follow_up(actor=world.contact.user, original=ticket, body="Voltou a acontecer.")
    result = jobs.publish_accepted_solutions()
    assert result.withdrawn == 1
    solution.refresh_from_db()
    assert solution.withheld and solution.withdrawn_at is not None and solution.withheld_by is None
    # released by an analyst, the system does not withhold it again
    services.solution_release(actor=world.analyst, solution=solution)
    assert jobs.publish_accepted_solutions().withdrawn == 0
    solution.refresh_from_db()
    assert not solution.withheld


def test_a_followed_up_ticket_is_not_published(world, solve):
    ticket = solve(summary="Erro no cálculo", description="x", solution=SOLUTION)
    ticket_services.ticket_follow_up(actor=world.contact.user, original=ticket, body="Voltou.")
    assert services.solution_publish_for(ticket) is None
    assert jobs.publish_accepted_solutions().published == 0


def test_publish_for_is_idempotent_and_refuses_open_tickets(world, solve, open_ticket):
    ticket = solve(summary="Erro no cálculo", description="x", solution=SOLUTION)
    first = services.solution_publish_for(ticket)
    assert services.solution_publish_for(ticket) == first
    assert Solution.objects.count() == 1
    assert services.solution_publish_for(open_ticket(world.contact.user)) is None


def _publish_queries(batch: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        jobs.publish_accepted_solutions(batch=batch)
    return len(queries)


def test_job_is_set_based_and_idempotent(world, solve):
    solve(summary="Primeiro problema", description="x", solution=SOLUTION)
    one = _publish_queries(batch=500)
    for index in range(6):
        solve(summary=f"Problema {index}", description="x", solution=SOLUTION)
    many = _publish_queries(batch=500)
    assert many == one  # the same queries for 1 ticket and for 6
    assert Solution.objects.count() == 7
    assert _publish_queries(batch=500) < one  # nothing left: no INSERT
    assert jobs.publish_accepted_solutions().published == 0 and Solution.objects.count() == 7


def test_job_in_batches_and_the_command(world, solve):
    for index in range(5):
        solve(summary=f"Problema {index}", description="x", solution=SOLUTION)
    assert jobs.publish_accepted_solutions(batch=2).batches == 3
    assert Solution.objects.count() == 5
    call_command("publish_solutions")
    assert Solution.objects.count() == 5


def test_withhold_needs_staff_and_a_reason(world, solve):
    solution = services.solution_publish_for(solve(summary="Erro", description="x", solution=SOLUTION))
    with pytest.raises(ForbiddenError):
        services.solution_withhold(actor=world.contact.user, solution=solution, reason="x")
    with pytest.raises(DomainError):
        services.solution_withhold(actor=world.analyst, solution=solution, reason=" ")
    solution = services.solution_withhold(actor=world.analyst, solution=solution, reason="Texto confuso.")
    assert solution.withheld and solution.withheld_by == world.analyst and solution.withheld_at
    solution = services.solution_release(actor=world.leader, solution=solution)
    assert not solution.withheld and solution.withheld_by == world.leader


def test_edits_keep_their_history(world, solve):
    solution = services.solution_publish_for(solve(summary="Erro", description="x", solution=SOLUTION))
    with pytest.raises(ForbiddenError):
        services.solution_edit(actor=world.partner, solution=solution, problem="a", solution_text="b")
    with pytest.raises(DomainError):
        services.solution_edit(actor=world.analyst, solution=solution, problem="", solution_text="b")
    services.solution_edit(
        actor=world.analyst, solution=solution, problem="Erro na nota", solution_text="Atualize o pacote."
    )
    solution.refresh_from_db()
    assert (solution.problem, solution.solution) == ("Erro na nota", "Atualize o pacote.")
    edit = solution.edits.get()
    assert edit.edited_by == world.analyst and edit.solution_before == SOLUTION
    assert edit.solution_after == "Atualize o pacote."


def test_the_tasks_publish(world, solve):
    from solutions import tasks

    ticket = solve(summary="Erro no cálculo", description="x", solution=SOLUTION)
    assert tasks.publish_solution(ticket.pk) is True
    assert tasks.publish_solution(0) is False
    solve(summary="Outro erro", description="x", solution=SOLUTION)
    assert tasks.publish_accepted_solutions() == 1
    assert Solution.objects.count() == 2
