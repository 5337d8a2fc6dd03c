"""`/healthz/` (issue 14, item 11): database, cache, broker and the beat's last run, for monitors:
JSON, 200 when healthy and 503 when not, nothing secret, open to anonymous callers."""

import json
import logging
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from portal import health
from portal.jsonlog import JsonFormatter

pytestmark = pytest.mark.django_db


def _beat_ran(ago: timedelta) -> None:
    every, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="outbox-drain",
        defaults={
            "task": "outbox.tasks.outbox_drain",
            "interval": every,
            "last_run_at": timezone.now() - ago,
        },
    )


def test_healthy_answers_200_with_every_check(client, django_assert_max_num_queries):
    _beat_ran(timedelta(seconds=42))
    with django_assert_max_num_queries(2):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "beat"}
    assert body["checks"]["beat"]["status"] == "ok"
    assert 40 <= body["checks"]["beat"]["age_seconds"] <= 60


def test_a_stale_or_missing_beat_answers_503(client):
    assert client.get(reverse("healthz")).status_code == 503  # never ran
    _beat_ran(timedelta(seconds=settings.HEALTHZ_BEAT_MAX_AGE + 60))
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == {
        "status": "error",
        "age_seconds": pytest.approx(settings.HEALTHZ_BEAT_MAX_AGE + 60, abs=5),
    }
    assert response.json()["checks"]["database"] == {"status": "ok"}


def test_a_failing_check_answers_503_without_saying_why(client, monkeypatch, caplog):
    _beat_ran(timedelta(seconds=5))

    def broker_down():
        raise ConnectionRefusedError("redis://:hunter2@cache.internal:6379 refused")

    monkeypatch.setitem(health.CHECKS, "broker", broker_down)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body)["checks"]["broker"] == {"status": "error"}
    assert "hunter2" not in body and "cache.internal" not in body and "redis" not in body
    assert "hunter2" not in caplog.text  # the log names the error's kind only


def test_only_get(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_json_log_lines_are_one_object_each():
    logger = logging.getLogger("portal.test")
    record = logger.makeRecord(
        "portal.test", logging.ERROR, __file__, 1, "falhou %s", ("x",), None, extra={"ticket": 7}
    )
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "portal.test"
    assert entry["message"] == "falhou x" and entry["ticket"] == 7
    assert "ValueError: boom" in entry["exception"]


def test_production_settings_log_json_and_debug_logs_text():
    from tests.portal.test_deployment import PRODUCTION_ENV, _env, _settings

    production = _settings(_env(**PRODUCTION_ENV), "LOGGING")
    assert "'formatter': 'json'" in production["LOGGING"]
    development = _settings(_env(DEBUG="1"), "LOGGING")
    assert "'formatter': 'text'" in development["LOGGING"]
