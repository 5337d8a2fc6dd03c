"""Redis down (issue 14, item 10): Redis is the cache (login rate limits) and the Celery broker.
While it is stopped, pages, logins and opening a ticket keep working; the e-mails wait in the
outbox and are sent, once each, by a real worker when Redis is back."""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from outbox.models import OutboxEmail
from outbox.tasks import outbox_drain
from portal.celery import app as celery_app
from tests.factories import PASSWORD
from tests.tickets.test_outage import _reset_connections
from tests.tickets.test_views import form_data
from tickets.models import Ticket

from .conftest import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_cache(redis_broker, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_broker.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return redis_broker


def test_pages_logins_and_opening_work_while_redis_is_down_and_email_waits(world, catalogue, redis_cache):
    cache.set("antes", 1)
    redis_cache.stop()  # Redis goes down: no cache, no broker

    anonymous = Client()
    assert anonymous.get(reverse("account_login")).status_code == 200
    refused = anonymous.post(
        reverse("account_login"), {"login": world.contact.user.email, "password": "errada-1A"}
    )
    assert refused.status_code == 200  # a wrong password is still refused (and counted, in memory)
    logged = anonymous.post(
        reverse("account_login"), {"login": world.contact.user.email, "password": PASSWORD}
    )
    assert logged.status_code == 302
    assert anonymous.get(reverse("ticket-list")).status_code == 200
    opened = anonymous.post(reverse("ticket-new"), form_data(catalogue, summary="Aberto sem Redis"))
    assert opened.status_code == 302
    ticket = Ticket.objects.get(summary="Aberto sem Redis")
    assert anonymous.get(reverse("ticket-detail", args=[ticket.number])).status_code == 200
    pending = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
    assert pending.count() >= 1 and mail.outbox == []  # delayed, not lost

    redis_cache.start()  # Redis is back: beat queues the drain, a real worker sends everything once
    _reset_connections()
    outbox_drain.delay()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        wait_for(lambda: not pending.exists(), timeout=20, message="the outbox was not drained")
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == len(set(subjects)) == OutboxEmail.objects.filter(status="sent").count()
    assert any(ticket.number in subject for subject in subjects)
    assert cache.get("depois", "vazio") == "vazio" and cache.set("depois", 1) is None
