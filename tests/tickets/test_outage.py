"""OPS-2 with a real Redis broker that goes down: tickets are created while it is down; none is
lost, and every e-mail is sent exactly once by a real worker after it comes back."""

import shutil
import socket
import subprocess
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from kombu import pools as kombu_pools

from outbox.models import OutboxEmail
from outbox.tasks import outbox_drain
from portal.celery import app as celery_app
from tickets.models import Ticket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Redis:
    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


def _reset_connections():
    # Forget pooled connections to the broker that just went away or changed.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu_pools.reset()


@pytest.fixture
def broker(tmp_path):
    redis = Redis(tmp_path)
    redis.start()
    previous = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "broker_transport_options", "broker_connection_retry")
    }
    celery_app.conf.update(
        broker_url=redis.url,
        task_always_eager=False,
        broker_transport_options={"max_retries": 1, "interval_start": 0, "interval_step": 0.1},
        broker_connection_retry=False,
    )
    _reset_connections()
    yield redis
    redis.stop()
    celery_app.conf.update(previous)
    _reset_connections()


def test_ops2_broker_outage_loses_nothing_and_sends_every_email_once(world, open_ticket, broker):
    broker.stop()  # the broker goes down
    tickets = [open_ticket(world.contact.user, summary=f"Falha no módulo {n}") for n in range(5)]

    assert Ticket.objects.count() == 5
    pending = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
    assert pending.count() == 5  # every "ticket opened" e-mail kept in the outbox
    assert mail.outbox == []

    broker.start()  # it comes back: beat queues the drain (twice, as two beats would) ...
    _reset_connections()
    outbox_drain.delay()
    outbox_drain.delay()
    # ... and a real worker consumes the queue from Redis.
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + 20
        while OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() < 5:
            assert time.monotonic() < deadline, "the worker did not drain the outbox"
            time.sleep(0.1)
        time.sleep(1)  # let the second drain run too

    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Chamado {t.number} aberto: {t.summary}" for t in tickets
    )
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() == 5
