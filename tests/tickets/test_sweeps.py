"""The periodic sweeps (OPS-1, OPS-2, TKT-8, ACP-2, ACP-4, SLA-5) are set-based: their queries do not
grow with the batch, they never render a template (the outbox stores what to send and the worker
renders it when it sends), and a late TKT-8 run stamps the instant the move was due."""

from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.template.base import Template
from django.test.utils import CaptureQueriesContext

from outbox.models import OutboxEmail
from tests.helpers import at
from tickets import jobs, services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db
S = Ticket.Status


def _moved(world, open_ticket, to_status, *, day, reason="ok"):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, day, 10))
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status=to_status, reason=reason, now=at(2026, 3, day, 11)
    )
    return ticket


@pytest.mark.parametrize(
    ("to_status", "sweep", "when"),
    [
        (S.PENDING_CLIENT, jobs.pending_client_timeout, at(2026, 3, 31, 12)),
        (S.AWAITING_VALIDATION, jobs.acceptance_reminders, at(2026, 3, 16, 12)),
        (S.AWAITING_VALIDATION, jobs.acceptance_autoclose, at(2026, 4, 30, 12)),
    ],
    ids=["tkt8", "acp2", "acp4"],
)
def test_ops1_a_sweep_batch_takes_the_same_queries_for_2_or_7_tickets(
    world, open_ticket, to_status, sweep, when
):
    def run(count: int, day: int) -> int:
        for _ in range(count):
            _moved(world, open_ticket, to_status, day=day)
        with CaptureQueriesContext(connection) as queries:
            assert sweep(now=when).changed == count
        return len(queries.captured_queries)

    assert run(2, 2) == run(7, 3)


def test_ops1_sla_marking_queries_do_not_grow_with_the_batch(world, open_ticket):
    def run(count: int, day: int) -> list[int]:
        for _ in range(count):
            open_ticket(world.contact.user, now=at(2026, 3, day, 10))
        with CaptureQueriesContext(connection) as queries:
            results = jobs.sla_marking(now=at(2026, 3, day + 5, 12))
        assert sum(result.changed for result in results) == count
        return [len(queries.captured_queries)]

    assert run(2, 2) == run(7, 16)


def test_ops2_no_template_is_rendered_during_a_sweep_the_worker_renders_at_send(
    world, open_ticket, django_capture_on_commit_callbacks
):
    pending = _moved(world, open_ticket, S.PENDING_CLIENT, day=2)
    closing = _moved(world, open_ticket, S.AWAITING_VALIDATION, day=3)
    open_ticket(world.contact.user, now=at(2026, 3, 4, 10))  # breached by the 10th
    mail.outbox.clear()
    before = set(OutboxEmail.objects.values_list("pk", flat=True))
    render = Template.render
    with (
        mock.patch.object(Template, "render", autospec=True, side_effect=render) as spy,
        django_capture_on_commit_callbacks(execute=False) as drains,
    ):
        changed = [result.changed for result in jobs.run_all(now=at(2026, 4, 10, 12))]
        assert spy.call_count == 0, "a sweep rendered a template"
    assert sum(changed) >= 3 and drains
    described = OutboxEmail.objects.exclude(pk__in=before)
    assert described.count() >= 4
    assert all(e.context is not None and e.subject == "" for e in described)

    with mock.patch.object(Template, "render", autospec=True, side_effect=render) as spy:
        for drain in drains:
            drain()  # the worker (eager Celery here) renders what the sweep described, then sends
        assert spy.call_count > 0
    assert OutboxEmail.objects.filter(context__isnull=False).count() == 0
    subjects = [message.subject for message in mail.outbox]
    # TKT-8: the wait ended; no solution was written, and the e-mail does not say one was.
    (waited,) = [
        m for m in mail.outbox if m.subject == f"Chamado {pending.number}: aguardando a sua validação"
    ]
    assert (
        "aguardou a sua resposta" in waited.body and "Sem resposta do cliente em 7 dias úteis" in waited.body
    )
    assert "propôs uma solução" not in waited.body
    assert any("estourado" in s for s in subjects)
    # SRV-1: the closure's e-mail carries the survey: one e-mail for the closed ticket, not two.
    closing_mails = [
        m for m in mail.outbox if closing.number in m.subject and "solução proposta" not in m.subject
    ]
    assert [m.subject for m in closing_mails] == [
        f"Chamado {closing.number} encerrado. Como foi o atendimento?"
    ]
    assert f"/chamados/{closing.number}/" in closing_mails[0].body
    assert "/pesquisa/" in closing_mails[0].body and "?nota=5" in closing_mails[0].body


def test_tkt8_a_late_run_stamps_the_instant_the_move_was_due(world, open_ticket):
    """12/15: the 15-day window starts when the 7th business day ended, not when the job ran."""
    ticket = open_ticket(world.contact.user, now=at(2026, 11, 9, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="pending_client",
        reason="Envie o log.",
        now=at(2026, 11, 9, 11),
    )
    ticket.refresh_from_db()
    due = ticket.auto_action_at
    assert due == at(2026, 11, 18, 11)
    late = at(2026, 11, 23, 9, 30)  # the beat was down for days
    assert jobs.pending_client_timeout(now=late).changed == 1
    ticket.refresh_from_db()
    assert ticket.status == S.AWAITING_VALIDATION
    assert ticket.status_changed_at == due and ticket.updated_at == late
    assert ticket.acceptance_deadline == at(2026, 12, 3, 11)  # as an on-time run: due + 15 days
    assert ticket.auto_action_at == ticket.acceptance_deadline
    event = ticket.events.filter(kind="status").last()
    assert event.created_at == due and event.actor is None
    assert jobs.pending_client_timeout(now=late).changed == 0  # idempotent


def test_update_rows_writes_shared_and_per_row_values_in_one_statement(world, open_ticket):
    from core.bulk import update_rows

    tickets = [open_ticket(world.contact.user, now=at(2026, 3, 2, 10)) for _ in range(3)]
    for n, ticket in enumerate(tickets):
        ticket.summary = "Resumo comum"  # the same on every row
        ticket.sla_due_at = None if n == 0 else at(2026, 3, 10 + n, 9)  # per row, one NULL
        ticket.sla_paused = n == 2
    with CaptureQueriesContext(connection) as queries:
        update_rows(tickets, ["summary", "sla_due_at", "sla_paused"])
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
    stored = list(Ticket.objects.filter(pk__in=[t.pk for t in tickets]).order_by("pk"))
    assert [t.summary for t in stored] == ["Resumo comum"] * 3
    assert [t.sla_due_at for t in stored] == [None, at(2026, 3, 11, 9), at(2026, 3, 12, 9)]
    assert [t.sla_paused for t in stored] == [False, False, True]
