"""Celery tasks of solutions: thin wrappers around solutions/jobs.py and services."""

from celery import shared_task

from tickets.models import Ticket

from . import jobs, services


@shared_task
def publish_accepted_solutions() -> int:
    return jobs.publish_accepted_solutions().published


@shared_task
def publish_solution(ticket_id: int) -> bool:
    """Publish one ticket's solution right after it closed as accepted (the periodic job catches up
    anything this misses)."""
    ticket = Ticket.objects.filter(pk=ticket_id).first()
    return ticket is not None and services.solution_publish_for(ticket) is not None
