"""How a suggestion's status reads on a page: its badge."""

from __future__ import annotations

from .models import Suggestion

S = Suggestion.Status
BADGES: dict[str, str] = {
    S.RECEIVED: "text-bg-primary",
    S.IN_REVIEW: "text-bg-info",
    S.PLANNED: "text-bg-warning",
    S.DECLINED: "text-bg-secondary",
    S.DELIVERED: "text-bg-success",
}


def status_badge(status: str) -> str:
    return BADGES.get(status, "text-bg-light border")
