"""`/healthz/` for monitors: the database, the cache, the Celery broker and the age of Celery
beat's last run, as JSON; 200 when every check passes, 503 otherwise.

Open to anonymous callers, so it says only "ok"/"error" per check (and the beat's age in seconds):
no host names, URLs, versions or exception messages. Each check is bounded so a server that is
down makes the answer a fast 503, not a hung request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache() -> dict[str, Any]:
    cache.set("healthz", "ok", 30)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache read back nothing")
    return {}


def _broker() -> dict[str, Any]:
    from .celery import app

    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
    return {}


def _last_beat() -> datetime | None:
    from django_celery_beat.models import PeriodicTask

    last: datetime | None = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))[
        "last"
    ]
    return last


def _beat() -> dict[str, Any]:
    """Beat (django-celery-beat's DatabaseScheduler) stamps each periodic task's `last_run_at`."""
    last = _last_beat()
    if last is None:
        raise RuntimeError("beat never ran")
    age = max(0, int((timezone.now() - last).total_seconds()))
    if age > settings.HEALTHZ_BEAT_MAX_AGE:
        return {"ok": False, "age_seconds": age}
    return {"age_seconds": age}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "beat": _beat,
}


def health_report() -> tuple[dict[str, Any], int]:
    """The JSON body and the status code."""
    results: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        try:
            result = {"ok": True, **check()}
        except Exception as error:  # any failure is "error": the kind goes to the log, not the body
            logger.warning("health check %s failed: %s", name, type(error).__name__)
            result = {"ok": False}
        results[name] = {"status": "ok" if result.pop("ok") else "error", **result}
    healthy = all(result["status"] == "ok" for result in results.values())
    return {"status": "ok" if healthy else "error", "checks": results}, 200 if healthy else 503
