"""Acceptance window, follow-ups, surveys and periodic jobs (ACP-1..5, TKT-8, TKT-9, SRV-1..3, OPS-1)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from core.errors import DomainError
from surveys.models import Survey
from surveys.services import survey_answer
from surveys.tokens import survey_token
from tests.helpers import at
from tickets import jobs, services
from tickets.models import AcceptancePolicy, Ticket, TicketEvent, TicketNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world, open_ticket, django_capture_on_commit_callbacks):
    """A ticket whose solution was proposed on Tue 2026-03-10 12:00."""
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="awaiting_validation",
            reason="Atualize o pacote 12.1.2410 e reenvie a nota.",
            now=at(2026, 3, 10, 12),
        )
    ticket.refresh_from_db()
    return ticket


def test_acp1_proposing_a_solution_opens_a_15_day_window(proposed):
    assert proposed.status == "awaiting_validation"
    assert proposed.acceptance_deadline == at(2026, 3, 25, 12)
    assert proposed.acceptance_reminder_at == at(2026, 3, 21, 12)  # ACP-2: 4 days before
    assert proposed.auto_action_at == proposed.acceptance_deadline
    assert proposed.acceptance_policy.is_default
    message = mail.outbox[-1]
    assert "aguardando a sua validação" in message.subject
    assert "25/03/2026 12:00" in message.body and "adiar a validação uma vez, por 45 dias" in message.body


def test_acp3_acceptance_closes_and_sends_the_survey(world, proposed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_accept_solution(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 11, 9))
    proposed.refresh_from_db()
    assert proposed.status == "closed" and proposed.closed_at == at(2026, 3, 11, 9)
    survey = Survey.objects.get(ticket=proposed)
    assert survey.team == proposed.team and survey.answered_at is None
    # SRV-1: the closure's e-mail carries the survey: one e-mail, with the score links.
    closing = [m for m in mail.outbox if "encerrado" in m.subject]
    assert [m.subject for m in closing] == [f"Chamado {proposed.number} encerrado. Como foi o atendimento?"]
    assert "/pesquisa/" in closing[0].body and "?nota=1" in closing[0].body
    assert not [m for m in mail.outbox if m.subject.startswith("Como foi o atendimento")]


def test_acp3_rejection_needs_a_reason_and_returns_to_analysis(world, proposed):
    with pytest.raises(DomainError, match="por que a solução"):
        services.ticket_reject_solution(
            actor=world.contact.user, ticket=proposed, reason="  ", now=at(2026, 3, 11)
        )
    services.ticket_reject_solution(
        actor=world.contact.user, ticket=proposed, reason="O erro continua.", now=at(2026, 3, 11)
    )
    proposed.refresh_from_db()
    assert proposed.status == "in_analysis" and proposed.auto_action_at is None
    assert proposed.messages.last().body == "O erro continua."
    event = proposed.events.filter(kind="status").last()
    assert (event.actor, event.reason) == (world.contact.user, "O erro continua.")


def test_acp3_postpone_once_by_45_days_before_the_window_ends(world, proposed):
    services.ticket_postpone_acceptance(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 20, 9))
    proposed.refresh_from_db()
    assert proposed.acceptance_deadline == at(2026, 5, 9, 12)
    assert proposed.auto_action_at == proposed.acceptance_deadline
    assert proposed.acceptance_reminder_at == at(2026, 5, 5, 12)
    assert TicketEvent.objects.filter(ticket=proposed, kind="postponed").count() == 1
    with pytest.raises(DomainError, match="já foi adiada"):
        services.ticket_postpone_acceptance(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 21, 9))


def test_acp3_no_postponement_after_the_window(world, proposed):
    with pytest.raises(DomainError, match="prazo para validar"):
        services.ticket_postpone_acceptance(
            actor=world.contact.user, ticket=proposed, now=at(2026, 3, 25, 12)
        )


def test_only_the_client_validates(world, proposed):
    with pytest.raises(PermissionDenied):
        services.ticket_accept_solution(actor=world.analyst, ticket=proposed)
    with pytest.raises(PermissionDenied):
        services.ticket_accept_solution(actor=world.other_admin.user, ticket=proposed)
    # The company administrator (sees all tickets) and the partner may answer for the company.
    services.ticket_postpone_acceptance(actor=world.partner, ticket=proposed, now=at(2026, 3, 12, 9))


def test_acp5_retail_policy_uses_business_days_and_surveys_on_validation(world, catalogue, open_ticket):
    AcceptancePolicy.objects.create(
        name="Varejo",
        product_line=catalogue.line,
        window_length=5,
        window_unit="business",
        reminder_before=1,
        postponement_days=0,
        survey_on_validation=True,
    )
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 16, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Feito.",
        now=at(2026, 11, 18, 10),
    )
    ticket.refresh_from_db()
    # 5 business days of suporte-tecnico from Wed 18 10:00: Thu 19, (Fri 20 holiday), Mon 23, Tue, Wed, Thu 26
    assert ticket.acceptance_deadline == at(2026, 11, 26, 10)
    assert ticket.acceptance_reminder_at == at(2026, 11, 25, 10)
    assert Survey.objects.filter(ticket=ticket).exists()  # SRV-1 retail variant
    with pytest.raises(DomainError, match="não permite adiar"):
        services.ticket_postpone_acceptance(actor=world.contact.user, ticket=ticket, now=at(2026, 11, 19, 10))


def test_client_message_during_validation_returns_to_analysis(world, proposed):
    services.ticket_reply(
        actor=world.contact.user, ticket=proposed, body="Ainda não testei tudo.", now=at(2026, 3, 12)
    )
    proposed.refresh_from_db()
    assert proposed.status == "in_analysis"


def test_tkt8_seven_business_days_in_pending_client_move_to_validation(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 9, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o log.",
        now=at(2026, 11, 9, 11),
    )
    ticket.refresh_from_db()
    # 7 business days from Mon 9 11:00: 10..13, 16..19 (Fri 20 holiday) -> Wed 18 11:00 is day 7
    assert ticket.auto_action_at == at(2026, 11, 18, 11)
    assert jobs.pending_client_timeout(now=at(2026, 11, 18, 10, 59)).changed == 0
    result = jobs.pending_client_timeout(now=at(2026, 11, 18, 11))
    assert result.changed == 1
    ticket.refresh_from_db()
    assert ticket.status == "awaiting_validation"
    assert ticket.acceptance_deadline == at(2026, 12, 3, 11)
    event = ticket.events.filter(kind="status").last()
    assert event.actor is None and "7 dias úteis" in event.reason
    assert jobs.pending_client_timeout(now=at(2026, 11, 30)).changed == 0  # idempotent


def test_acp2_reminder_is_sent_once_and_again_after_a_postponement(
    world, proposed, django_capture_on_commit_callbacks
):
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.acceptance_reminders(now=at(2026, 3, 21, 11)).changed == 0
        assert jobs.acceptance_reminders(now=at(2026, 3, 21, 12)).changed == 1
        assert jobs.acceptance_reminders(now=at(2026, 3, 22, 12)).changed == 0
    reminders = [m for m in mail.outbox[before:] if "Lembrete" in m.subject]
    assert len(reminders) == 1 and "25/03/2026 12:00" in reminders[0].body
    assert TicketNotice.objects.filter(ticket=proposed, kind="acceptance_reminder").count() == 1

    services.ticket_postpone_acceptance(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 22, 13))
    assert jobs.acceptance_reminders(now=at(2026, 5, 5, 12)).changed == 1
    assert TicketNotice.objects.filter(ticket=proposed, kind="acceptance_reminder").count() == 2


def test_acp4_no_answer_closes_automatically_for_good(world, proposed, django_capture_on_commit_callbacks):
    assert jobs.acceptance_autoclose(now=at(2026, 3, 25, 11, 59)).changed == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.acceptance_autoclose(now=at(2026, 3, 25, 12)).changed == 1
    proposed.refresh_from_db()
    assert proposed.status == "closed" and proposed.closed_at == at(2026, 3, 25, 12)
    assert Survey.objects.filter(ticket=proposed).count() == 1
    assert jobs.acceptance_autoclose(now=at(2026, 4, 1)).changed == 0
    with pytest.raises(DomainError):
        services.ticket_transition(actor=world.analyst, ticket=proposed, to_status="in_analysis", reason="x")


def test_tkt9_a_reply_to_a_closed_ticket_becomes_a_follow_up(world, proposed):
    jobs.acceptance_autoclose(now=at(2026, 3, 25, 12))
    message = services.ticket_reply(actor=world.contact.user, ticket=proposed, body="Voltou a acontecer.")
    follow_up = message.ticket
    assert follow_up.pk != proposed.pk and follow_up.follow_up_of == proposed
    assert follow_up.description == "Voltou a acontecer."
    assert follow_up.number != proposed.number and follow_up.status == "new"
    assert list(proposed.follow_ups.all()) == [follow_up]
    proposed.refresh_from_db()
    assert proposed.status == "closed"


def test_acc6_a_reply_racing_the_closing_becomes_a_follow_up_but_a_late_one_meets_the_pendency(
    world, proposed
):
    """A reply sent as the acceptance window closed keeps the client's words under a financial
    pendency; writing to a ticket closed long ago is opening a new technical ticket, refused."""
    jobs.acceptance_autoclose(now=at(2026, 3, 25, 12))
    proposed.refresh_from_db()
    world.company.financial_status = "pendency"
    world.company.save()
    closed_at = proposed.closed_at
    racing = services.ticket_reply(
        actor=world.contact.user, ticket=proposed, body="Ainda falha.", now=closed_at + timedelta(minutes=5)
    )
    assert racing.ticket.follow_up_of == proposed
    with pytest.raises(DomainError, match="pendência financeira"):
        services.ticket_reply(
            actor=world.contact.user,
            ticket=proposed,
            body="Três semanas depois.",
            now=closed_at + timedelta(days=21),
        )
    assert proposed.follow_ups.count() == 1


def test_tkt9_follow_up_only_from_closed_tickets_and_by_the_client(world, proposed):
    with pytest.raises(DomainError, match="encerrados"):
        services.ticket_follow_up(actor=world.contact.user, original=proposed, body="x")
    services.ticket_accept_solution(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 12))
    with pytest.raises(PermissionDenied):
        services.ticket_follow_up(actor=world.other_admin.user, original=proposed, body="x")
    follow_up = services.ticket_follow_up(actor=world.contact.user, original=proposed, body="Continuação")
    assert follow_up.summary.startswith(f"Acompanhamento do chamado {proposed.number}")
    assert (follow_up.product, follow_up.routine, follow_up.severity) == (
        proposed.product,
        proposed.routine,
        proposed.severity,
    )


def test_srv2_one_answer_per_ticket_that_never_changes_it(world, proposed):
    services.ticket_accept_solution(actor=world.contact.user, ticket=proposed, now=at(2026, 3, 12))
    survey = Survey.objects.get(ticket=proposed)
    token = survey_token(survey)
    survey_answer(token=token, rating=5, solved=True, comment="Ótimo")
    with pytest.raises(DomainError, match="já foi respondida"):
        survey_answer(token=token, rating=1, solved=False)
    survey.refresh_from_db()
    assert (survey.rating, survey.solved, survey.comment) == (5, True, "Ótimo")
    proposed.refresh_from_db()
    assert proposed.status == "closed"
    with pytest.raises(DomainError, match="inválido"):
        survey_answer(token=token + "x", rating=3, solved=None)
    with pytest.raises(DomainError, match="1 a 5"):
        survey_answer(token=token, rating=6, solved=None)


def test_sla_marking_marks_breaches_and_notifies_the_team_once(
    world, catalogue, open_ticket, django_capture_on_commit_callbacks
):
    ticket = open_ticket(
        world.contact.user, now=at(2026, 3, 10, 10)
    )  # due Wed 11 08:00, at risk from Tue 18:00
    with django_capture_on_commit_callbacks(execute=True):
        risk, breach = jobs.sla_marking(now=at(2026, 3, 10, 18, 30))
    assert (risk.name, risk.changed, breach.changed) == ("sla_breached", 0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.sla_marking(now=at(2026, 3, 10, 18, 45))
    assert [r.changed for r in again] == [0, 0]
    with django_capture_on_commit_callbacks(execute=True):
        breached, _risk = jobs.sla_marking(now=at(2026, 3, 11, 9))
    assert breached.changed == 1
    ticket.refresh_from_db()
    assert ticket.sla_breached_at == at(2026, 3, 11, 8)
    assert jobs.sla_marking(now=at(2026, 3, 11, 10))[0].changed == 0
    team_mail = [m for m in mail.outbox if world.analyst.email in m.to]
    assert len(team_mail) == 2
    assert "em risco" in team_mail[0].subject and "estourado" in team_mail[1].subject


def test_run_periodic_jobs_now_needs_debug_or_the_flag(settings, proposed):
    settings.DEBUG = False
    settings.PORTAL_ALLOW_TIME_TRAVEL = False
    with pytest.raises(CommandError, match="PORTAL_ALLOW_TIME_TRAVEL"):
        call_command("run_periodic_jobs", "--now", "2026-04-01T12:00")
    settings.PORTAL_ALLOW_TIME_TRAVEL = True
    call_command("run_periodic_jobs", "--now", "2026-04-01T12:00")
    proposed.refresh_from_db()
    assert proposed.status == "closed"


def test_jobs_work_in_bounded_batches(world, open_ticket):
    tickets = [open_ticket(world.contact.user, now=at(2026, 3, 10, 10)) for _ in range(5)]
    for ticket in tickets:
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="awaiting_validation",
            reason="ok",
            now=at(2026, 3, 10, 11),
        )
    result = jobs.acceptance_autoclose(now=at(2026, 4, 1), batch_size=2)
    assert (result.changed, result.batches) == (5, 3)
    assert set(Ticket.objects.values_list("status", flat=True)) == {"closed"}


def test_ops1_auto_close_is_set_based_queries_do_not_grow_with_the_batch(world, open_ticket):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def close(count: int, day: int) -> int:
        for _ in range(count):
            ticket = open_ticket(world.contact.user, now=at(2026, 3, day, 10))
            services.ticket_transition(
                actor=world.analyst,
                ticket=ticket,
                to_status="awaiting_validation",
                reason="ok",
                now=at(2026, 3, day, 11),
            )
        with CaptureQueriesContext(connection) as queries:
            assert jobs.acceptance_autoclose(now=at(2026, 4, 30)).changed == count
        return len(queries.captured_queries)

    assert close(3, 2) == close(12, 3)
