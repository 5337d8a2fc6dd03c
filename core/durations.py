"""Durations in words: the one formatter of business time for the portal, the back-office (the SLA
simulation included) and the e-mails."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext as _


class Style(StrEnum):
    WORDS = "words"  # the portal's sentences: "3 h 20 min", "16 h", "45 min"
    CLOCK = "clock"  # the back-office's aligned form: "12 h 05 min", "45 min"
    COMPACT = "compact"  # the back-office list: "12h05", "45min"


def format_duration(
    seconds: int | float | None, style: Style = Style.WORDS, *, with_seconds: bool = False
) -> str:
    """A duration (its absolute value) in hours and minutes; `with_seconds` adds the seconds left
    over when there are any (the deadline simulation)."""
    total = abs(int(seconds or 0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if style == Style.COMPACT:
        return f"{hours}h{minutes:02d}" if hours else f"{minutes}min"
    if style == Style.CLOCK:
        text = f"{hours} h {minutes:02d} min" if hours or with_seconds else f"{minutes} min"
        return f"{text} {secs:02d} s" if with_seconds and secs else text
    if hours and minutes:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": minutes}
