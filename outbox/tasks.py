"""Celery tasks of the outbox: thin wrappers that call one service each (OPS-2)."""

import logging

from celery import shared_task

from .services import Dispatcher, outbox_deliver, outbox_due_ids, register_dispatcher

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=7, acks_late=True)
def outbox_send(self, outbox_id: int) -> bool:
    """Send one outbox e-mail; SMTP failures retry with exponential backoff (OPS-2)."""
    try:
        return outbox_deliver(outbox_id)
    except Exception as error:
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 3600)) from error


@shared_task
def outbox_drain(limit: int = 200, max_batches: int = 100) -> int:
    """Send what the broker could not take, and retry failures whose backoff elapsed."""
    sent = 0
    for _batch in range(max_batches):
        due = outbox_due_ids(limit=limit)
        progress = 0
        for outbox_id in due:
            try:
                progress += outbox_deliver(outbox_id)
            except Exception:
                logger.warning("outbox: e-mail %s failed again; will retry", outbox_id, exc_info=True)
        sent += progress
        if len(due) < limit or not progress:
            break
    return sent


def _queue_send(outbox_id: int) -> None:
    outbox_send.delay(outbox_id)


def _queue_drain() -> None:
    outbox_drain.delay()


def register() -> None:
    """Let the services queue these tasks (they never import this module)."""
    register_dispatcher(Dispatcher(send=_queue_send, drain=_queue_drain))
