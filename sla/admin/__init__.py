"""Back-office for service calendars, holidays, severity targets and Prime contracts (CAL, SEV, SLA-8).

One module per subject; importing them registers their pages with the admin site. Every save
and removal of a setting (a calendar and its rows, a holiday, a target, a Prime contract and its
targets) goes through `core.history` (`SettingsHistoryAdminMixin`): who changed what, when, and
from what to what.
"""

from . import calendars, holidays, snapshots, targets

__all__ = ["calendars", "holidays", "snapshots", "targets"]
