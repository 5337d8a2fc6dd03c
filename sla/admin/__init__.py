"""Back-office for service calendars, holidays, severity targets and Prime contracts (CAL, SEV, SLA-8).

One module per subject; importing them registers their pages with the admin site.
"""

from . import calendars, holidays, snapshots, targets

__all__ = ["calendars", "holidays", "snapshots", "targets"]
