"""The work page's extension point: another app (consultancy, ...) adds a panel to the ticket work page
with its own forms, without the tickets app knowing it.

A panel registers itself when its admin module is imported (`register_work_panel`). Its forms are
`TicketActionForm`s posted to the work page's one `act_view` with their own `action`; the view
validates them, calls `WorkPanel.apply` (which calls the services) and redirects back, or shows the
page again with the refusal next to the field, exactly as for the ticket's own forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.forms import Media

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ..models import Ticket
    from .forms import TicketActionForm


class WorkPanel:
    """A panel of the ticket work page: its forms by action, its templates and its handler.

    `main_template` is shown in the page's main column, `side_template` in the side column (either
    may be empty); both receive the work page's context plus `panel`, the dict `context` returns.
    """

    forms: ClassVar[dict[str, type[TicketActionForm]]] = {}
    main_template: ClassVar[str] = ""
    side_template: ClassVar[str] = ""
    media: ClassVar[Media] = Media()

    def context(
        self, request: HttpRequest, ticket: Ticket, *, may_change: bool, bound: dict[str, TicketActionForm]
    ) -> dict[str, Any]:
        """What the templates show; `may_change`: the user holds the right to act on the ticket;
        `bound`: the form of a refused POST, by action, to show with its errors."""
        return {}

    def apply(
        self, request: HttpRequest, action: str, ticket: Ticket, data: dict[str, Any]
    ) -> tuple[str, str]:
        """Call the service of `action` with the form's cleaned data; returns the success message and
        the anchor of the page to go back to. A service's refusal propagates (the view shows it)."""
        raise NotImplementedError


WORK_PANELS: list[WorkPanel] = []


def register_work_panel(panel: WorkPanel) -> WorkPanel:
    """Add a panel to the work page (once per class: importing a module twice adds nothing)."""
    if not any(type(existing) is type(panel) for existing in WORK_PANELS):
        WORK_PANELS.append(panel)
    return panel


def panel_for(action: str) -> WorkPanel | None:
    """The panel whose form handles `action`, if any."""
    return next((panel for panel in WORK_PANELS if action in panel.forms), None)
