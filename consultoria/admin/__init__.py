"""The back-office of billable consultancy (CON-1..8): the leaders' approval queue and the
consultancy page, time entries and their corrections, modalities, rates, the IGPM adjustment,
taxes and term templates, and the "Consultoria" panel of the ticket work page.

One module per subject; importing them registers their pages with the admin site (and the panel
with the ticket work page). Every write is a consultoria service or goes through `core.history`.
"""

from . import consultancies, entries, rates, terms, work_panel

__all__ = ["consultancies", "entries", "rates", "terms", "work_panel"]
