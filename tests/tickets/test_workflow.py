"""The workflow (tickets/workflow/): the one table of statuses and moves, and the one move function
for one ticket or a set-based batch (TKT-6, TKT-8, SLA-4, SEV-2, ACP-1, ACP-4, SRV-1, OPS-1)."""

import pytest
from django.db import transaction

from core.errors import ConflictError, DomainError
from surveys.models import Survey
from tests.helpers import at
from tickets import deadlines, services
from tickets.locks import ticket_lock, tickets_lock_due
from tickets.models import Ticket, TicketEvent
from tickets.workflow import table
from tickets.workflow.moves import move, move_batch

pytestmark = pytest.mark.django_db
S = Ticket.Status


# --- The table --------------------------------------------------------------------------------------------


def test_tkt6_every_status_has_a_rule_and_every_move_joins_two_of_them():
    assert set(table.STATUSES) == set(S.values)
    for origin, target in table.MOVES:
        assert origin in table.STATUSES and target in table.STATUSES and origin != target


def test_tkt9_a_closed_ticket_never_moves_again():
    assert table.STATUSES[S.CLOSED].final
    assert [move for move in table.MOVES if move[0] == S.CLOSED] == []


def test_sla4_sev2_the_clock_of_each_status_is_read_from_the_table():
    assert {S.PENDING_CLIENT, S.AWAITING_VALIDATION} == table.PAUSED_STATUSES
    assert table.STATUSES[S.IN_MAINTENANCE].target == table.Target.MAINTENANCE
    history = [(at(2026, 3, 10, 10), S.NEW)]
    for hour, status in enumerate(S.values[1:], start=11):
        history.append((at(2026, 3, 10, hour), status))
    pauses = deadlines.pauses_from_history(history)
    # pending_client (12:00) waits until in_maintenance (13:00); awaiting_validation (14:00) until closed
    assert pauses == [(at(2026, 3, 10, 12), at(2026, 3, 10, 13)), (at(2026, 3, 10, 14), at(2026, 3, 10, 15))]


def test_leaders_make_every_move_an_analyst_makes():
    for roles in table.MOVES.values():
        assert (table.ANALYST in roles) == (table.LEADER in roles)


def test_tkt6_refusals_of_the_table():
    with pytest.raises(DomainError) as unknown:
        table.check_move(S.NEW, "archived", table.ANALYST)
    assert not isinstance(unknown.value, ConflictError)
    with pytest.raises(ConflictError) as missing:
        table.check_move(S.NEW, S.CLOSED, table.ANALYST)
    assert missing.value.code == "invalid_transition"
    with pytest.raises(ConflictError) as not_yours:
        table.check_move(S.AWAITING_VALIDATION, S.CLOSED, table.ANALYST)
    assert not_yours.value.code == "transition_not_allowed"
    with pytest.raises(DomainError) as no_reason:
        table.check_move(S.IN_ANALYSIS, S.PENDING_CLIENT, table.LEADER, "  ")
    assert no_reason.value.code == "reason_required"
    table.check_move(S.PENDING_CLIENT, S.AWAITING_VALIDATION, table.SYSTEM)  # TKT-8


def test_admin_offers_an_analyst_the_moves_of_the_table():
    assert table.moves_from(S.NEW, table.ANALYST) == [
        S.IN_ANALYSIS,
        S.PENDING_CLIENT,
        S.IN_MAINTENANCE,
        S.AWAITING_VALIDATION,
    ]
    assert table.moves_from(S.AWAITING_VALIDATION, table.CLIENT) == [S.IN_ANALYSIS, S.CLOSED]
    assert table.moves_from(S.CLOSED, table.ANALYST) == []


# --- One move function ---------------------------------------------------------------------------------


def test_a_leader_moves_a_ticket_like_an_analyst(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.leader, ticket=ticket, to_status="in_analysis", now=at(2026, 3, 10, 11)
    )
    ticket.refresh_from_db()
    assert ticket.status == S.IN_ANALYSIS
    event = ticket.events.filter(kind=TicketEvent.Kind.STATUS).get()
    assert event.actor == world.leader


def _awaiting(world, open_ticket):
    ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
    services.ticket_transition(
        actor=world.analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason="Aplique o pacote.",
        now=at(2026, 3, 10, 12),
    )
    return ticket


SAME_FIELDS = (
    "status",
    "status_changed_at",
    "closed_at",
    "auto_action_at",
    "response_due_at",
    "maintenance_due_at",
    "sla_target_seconds",
    "sla_due_at",
    "sla_risk_at",
    "sla_paused",
    "sla_breached_at",
)


def test_ops1_acp4_a_batch_move_leaves_each_ticket_as_the_single_move_does(world, open_ticket):
    """The system closing one ticket and a batch of tickets: same fields, same event, same survey."""
    single, batched = _awaiting(world, open_ticket), _awaiting(world, open_ticket)
    closing = at(2026, 3, 25, 12)
    with transaction.atomic():
        move(ticket_lock(single), S.CLOSED, actor=None, reason="Fim do prazo", now=closing)
    with transaction.atomic():
        move_batch(
            tickets_lock_due([batched.pk], status=S.AWAITING_VALIDATION),
            S.CLOSED,
            reason="Fim do prazo",
            now=closing,
        )
    single.refresh_from_db()
    batched.refresh_from_db()
    for name in SAME_FIELDS:
        assert getattr(single, name) == getattr(batched, name), name
    # Closing stops the clock for good: the deadlines are computed with the pause closed (SLA-4).
    assert batched.response_due_at is not None and batched.sla_due_at is None and not batched.sla_paused
    events = [
        (event.from_value, event.to_value, event.reason, event.actor_id)
        for event in TicketEvent.objects.filter(ticket__in=[single, batched], to_value=S.CLOSED)
    ]
    assert events == [(S.AWAITING_VALIDATION, S.CLOSED, "Fim do prazo", None)] * 2
    assert Survey.objects.filter(ticket__in=[single, batched]).count() == 2  # SRV-1


def test_tkt8_acp1_the_batch_opens_the_acceptance_window_like_the_single_move(world, open_ticket):
    tickets = []
    for _ in range(2):
        ticket = open_ticket(world.contact.user, now=at(2026, 3, 10, 10))
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="pending_client",
            reason="Envie o XML.",
            now=at(2026, 3, 10, 11),
        )
        tickets.append(ticket)
    now = at(2026, 3, 19, 12)
    with transaction.atomic():
        move(ticket_lock(tickets[0]), S.AWAITING_VALIDATION, actor=None, reason="Sem resposta", now=now)
    with transaction.atomic():
        move_batch(tickets_lock_due([tickets[1].pk]), S.AWAITING_VALIDATION, reason="Sem resposta", now=now)
    for ticket in tickets:
        ticket.refresh_from_db()
    single, batched = tickets
    for name in (*SAME_FIELDS, "acceptance_deadline", "acceptance_reminder_at", "acceptance_policy_id"):
        assert getattr(single, name) == getattr(batched, name), name
    assert batched.acceptance_deadline == at(2026, 4, 3, 12)  # ACP-1: 15 calendar days


def test_the_batch_refuses_a_move_out_of_the_table(world, open_ticket):
    ticket = open_ticket(world.contact.user)
    with pytest.raises(ConflictError), transaction.atomic():
        move_batch(tickets_lock_due([ticket.pk]), S.CLOSED, reason="x", now=ticket.created_at)
    ticket.refresh_from_db()
    assert ticket.status == S.NEW and not ticket.events.filter(kind=TicketEvent.Kind.STATUS).exists()


# --- Locks -----------------------------------------------------------------------------------------------


def test_locks_are_taken_in_primary_key_order_and_re_check_the_condition(world, open_ticket):
    first, second, third = (open_ticket(world.contact.user) for _ in range(3))
    Ticket.objects.filter(pk=second.pk).update(status=S.IN_ANALYSIS)
    with transaction.atomic():
        locked = tickets_lock_due([third.pk, second.pk, first.pk], status=S.NEW)
    assert [ticket.pk for ticket in locked] == sorted([first.pk, third.pk])


def test_ops1_a_batch_lock_reads_the_rows_its_tickets_share_once(
    world, open_ticket, django_assert_num_queries
):
    tickets = [open_ticket(world.contact.user) for _ in range(3)]
    with transaction.atomic():
        # The tickets, then their company, calendar snapshot, product and acceptance policy: a
        # query each however many tickets share them (none for a policy no ticket has yet).
        with django_assert_num_queries(4):
            locked = tickets_lock_due([ticket.pk for ticket in tickets], status=S.NEW)
        with django_assert_num_queries(0):
            related = [
                (t.company, t.sla_snapshot, t.product, t.requester, t.acceptance_policy) for t in locked
            ]
    assert len(locked) == 3
    first = related[0]
    for company, snapshot, product, requester, _policy in related:
        assert company is first[0] and snapshot is first[1] and product is first[2]
        assert requester == world.contact.user
