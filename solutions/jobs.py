"""The periodic publishing of solutions (SELF-3, OPS-1): set-based, idempotent, bounded batches.

Each run first withholds the solutions whose ticket got a follow-up (one UPDATE), then publishes
every ticket closed as accepted that has no solution yet, batch by batch: per batch, one read of
the tickets, one of their accepted solutions, one of their companies' contacts, one of the
analysts' names and one INSERT, whatever the batch's size. The unique ticket of a solution makes
two concurrent runs harmless (the second one's rows are ignored)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from . import selectors, services

BATCH_SIZE = 500


@dataclass
class PublishResult:
    published: int = 0
    withdrawn: int = 0
    batches: int = 0


def publish_accepted_solutions(*, batch: int = BATCH_SIZE, now: datetime | None = None) -> PublishResult:
    """Publish every accepted-closed ticket without a solution; withhold the followed-up ones."""
    now = now or timezone.now()
    result = PublishResult(withdrawn=services.solutions_withdraw_followed_up(now=now))
    after = 0
    while tickets := selectors.tickets_to_publish(batch, after=after):
        with transaction.atomic():
            result.published += services.solutions_publish(tickets, now=now)
        result.batches += 1
        after = tickets[-1].pk
    return result
