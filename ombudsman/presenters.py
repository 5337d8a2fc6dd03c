"""How a case reads on a page: its status badge and its deadline's marker."""

from __future__ import annotations

from datetime import datetime

from .models import Case

C = Case.Status
BADGES: dict[str, str] = {
    C.OPENED: "text-bg-primary",
    C.IN_ANALYSIS: "text-bg-info",
    C.ANSWERED: "text-bg-success",
    C.CLOSED: "text-bg-secondary",
}
KIND_ICONS: dict[str, str] = {
    Case.Kind.COMPLIMENT: "bi-hand-thumbs-up",
    Case.Kind.COMPLAINT: "bi-exclamation-octagon",
}


def status_badge(status: str) -> str:
    return BADGES.get(status, "text-bg-light border")


def kind_icon(kind: str) -> str:
    return KIND_ICONS.get(kind, "bi-chat-square-text")


def decorate(case: Case, now: datetime | None = None) -> Case:
    """Set what the templates read: badge, icon, late marker."""
    case.badge = status_badge(case.status)  # type: ignore[attr-defined]
    case.icon = kind_icon(case.kind)  # type: ignore[attr-defined]
    case.late = case.is_late(now)  # type: ignore[attr-defined]
    return case
