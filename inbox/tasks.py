"""Celery tasks of incoming e-mail: thin wrappers over one service each (CHN-1)."""

from celery import shared_task

from .services import imap_poll


@shared_task
def inbox_poll(limit: int = 100) -> int:
    """Beat, every minute: process the unseen messages of `IMAP_URL` (a no-op when it is empty)."""
    return imap_poll(limit=limit).applied
