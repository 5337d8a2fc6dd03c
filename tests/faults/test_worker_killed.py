"""A Celery worker killed (SIGKILL) in the middle of an e-mail send and in the middle of a sweep
batch: after a restart every effect happens exactly once (acks_late + reject_on_worker_lost, the
outbox's compare-and-set claim, the sweeps' locked compare-and-set batches)."""

from __future__ import annotations

import time

import psycopg2
import pytest
from django.db import connection
from django.db.models import F

from outbox.models import OutboxEmail
from outbox.services import STALE_CLAIM
from outbox.tasks import outbox_drain
from tests.helpers import at
from tickets import services
from tickets.models import Ticket, TicketEvent
from tickets.tasks import acceptance_autoclose

from .conftest import Worker, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
S = OutboxEmail.Status


def test_a_worker_killed_mid_send_sends_the_email_once_after_restart(world, open_ticket, worker, smtp):
    # Given a ticket whose "opened" e-mail is queued on the broker ...
    ticket = open_ticket(world.contact.user, summary="Falha na emissão da nota")
    row = OutboxEmail.objects.get()
    assert row.status == S.PENDING
    # ... a worker takes it and is killed while the SMTP server holds the end of the message.
    smtp.stall.set()
    worker.start()
    assert smtp.stalled.wait(timeout=25), "the worker never reached the SMTP send"
    worker.kill()
    row.refresh_from_db()
    assert row.status == S.SENDING and smtp.accepted == []  # claimed, not sent, not lost

    # The claim of a dead worker goes stale after STALE_CLAIM (10 minutes): the test moves it back.
    OutboxEmail.objects.filter(pk=row.pk).update(claimed_at=F("claimed_at") - STALE_CLAIM)
    smtp.stall.clear()
    worker.start()
    outbox_drain.delay()  # beat's periodic drain; the killed task itself is also handed out again
    outbox_drain.delay()
    wait_for(
        lambda: OutboxEmail.objects.filter(pk=row.pk, status=S.SENT).exists(),
        timeout=25,
        message="not resent",
    )
    time.sleep(4)  # the redelivered task (visibility timeout 2 s) and the second drain run too
    assert len(smtp.accepted) == 1
    assert f"Message-ID: <outbox-{row.pk}@".encode() in smtp.accepted[0]
    assert ticket.number.encode() in smtp.accepted[0]
    assert OutboxEmail.objects.get(pk=row.pk).attempts == 1


def test_a_worker_killed_mid_sweep_batch_then_two_sweeps_at_once_close_each_ticket_once(
    world, open_ticket, worker, smtp, redis_broker, tmp_path
):
    # Given three solutions nobody answered, their acceptance windows long over ...
    tickets = [
        open_ticket(world.contact.user, now=at(2026, 1, 5, 10), summary=f"Rotina {n}") for n in range(3)
    ]
    for ticket in tickets:
        services.ticket_transition(
            actor=world.analyst,
            ticket=ticket,
            to_status="awaiting_validation",
            reason="Correção publicada.",
            now=at(2026, 1, 6, 10),
        )
    OutboxEmail.objects.update(status=S.SENT)  # the e-mails so far are not this test's subject
    earlier = set(OutboxEmail.objects.values_list("pk", flat=True))

    # ... the sweep's batch stalls on its e-mails (another session holds the outbox table) ...
    db = connection.settings_dict
    blocker = psycopg2.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"])
    blocker.cursor().execute("LOCK TABLE outbox_outboxemail IN EXCLUSIVE MODE")
    worker.start()
    acceptance_autoclose.delay()

    def sweep_waits():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE %s",
                ["%outbox_outboxemail%"],
            )
            return cursor.fetchone()[0]

    wait_for(sweep_waits, timeout=25, message="the sweep never reached its e-mails")
    # ... and the worker is killed in the middle of the batch: its transaction rolls back.
    worker.kill()
    blocker.rollback()
    blocker.close()
    assert Ticket.objects.filter(status=Ticket.Status.CLOSED).count() == 0

    # After a restart, two workers run the sweep at the same time (as two beats would queue it):
    # each ticket closes once.
    (tmp_path / "second").mkdir()
    second = Worker(redis_broker.url, smtp.port, tmp_path / "second")
    worker.start()
    second.start()
    try:
        for _ in range(4):
            acceptance_autoclose.delay()
        wait_for(
            lambda: Ticket.objects.filter(status=Ticket.Status.CLOSED).count() == 3,
            timeout=25,
            message="not closed",
        )
        time.sleep(3)
    finally:
        second.stop()
    time.sleep(3)
    closes = TicketEvent.objects.filter(kind=TicketEvent.Kind.STATUS, to_value="closed")
    assert sorted(closes.values_list("ticket_id", flat=True)) == sorted(t.pk for t in tickets)
    closing_mails = [(e.subject, tuple(e.to)) for e in OutboxEmail.objects.exclude(pk__in=earlier)]
    assert len(closing_mails) >= len(tickets)
    assert len(closing_mails) == len(set(closing_mails))  # no e-mail written twice
