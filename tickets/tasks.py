"""Celery tasks of the tickets app: each periodic job is a thin wrapper around tickets/jobs.py."""

from celery import shared_task

from . import jobs


@shared_task
def pending_client_timeout() -> int:
    return jobs.pending_client_timeout().changed


@shared_task
def acceptance_reminders() -> int:
    return jobs.acceptance_reminders().changed


@shared_task
def acceptance_autoclose() -> int:
    return jobs.acceptance_autoclose().changed


@shared_task
def sla_marking() -> int:
    return sum(result.changed for result in jobs.sla_marking())
