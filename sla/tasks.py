"""Periodic SLA jobs (OPS-1). Thin: each calls one service."""

from celery import shared_task

from core.periods import local_today

from . import services


@shared_task
def holidays_import_upcoming(years_ahead: int = 2) -> int:
    """Keep the package's holidays imported for this year and the next ones (idempotent)."""
    this_year = local_today().year
    services.holidays_ensure_years(range(this_year, this_year + years_ahead + 1))
    return this_year + years_ahead
