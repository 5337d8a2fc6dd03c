"""Who may search and who may curate the published solutions (SELF-3).

Every signed-in person of the portal searches the solutions of all companies (the texts are
anonymised; that is the point); only staff withhold, release and edit them in the back-office."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .roles import is_client, is_staff

if TYPE_CHECKING:
    from .roles import AnyUser


def may_search_solutions(user: AnyUser | None) -> bool:
    """Client contacts, partner consultants and staff, active."""
    return bool(user is not None and user.is_authenticated and user.is_active) and (
        is_staff(user) or is_client(user)
    )


def may_curate_solutions(user: AnyUser | None) -> bool:
    """Analysts and leaders: withhold, release and edit the anonymised texts."""
    return is_staff(user)
