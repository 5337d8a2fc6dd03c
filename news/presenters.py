"""How news pages show things (SELF-4, SELF-7): a lifecycle status's words and colour, the
lifecycle table grouped by product (the user's products first), an event's time in Brasília."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from core.periods import format_local, local
from tickets.models import Product

from .models import Event, LifecycleStatus, ProductLifecycle

STATUS_BADGE = {
    LifecycleStatus.SUPPORTED: "text-bg-success",
    LifecycleStatus.ENDING_SOON: "text-bg-warning",
    LifecycleStatus.UNSUPPORTED: "text-bg-secondary",
}
STATUS_ICON = {
    LifecycleStatus.SUPPORTED: "bi-check-circle",
    LifecycleStatus.ENDING_SOON: "bi-hourglass-split",
    LifecycleStatus.UNSUPPORTED: "bi-x-circle",
}


@dataclass
class LifecycleLine:
    row: ProductLifecycle
    status: LifecycleStatus

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def badge(self) -> str:
        return STATUS_BADGE[self.status]

    @property
    def icon(self) -> str:
        return STATUS_ICON[self.status]


@dataclass
class LifecycleGroup:
    product: Product
    mine: bool
    lines: list[LifecycleLine] = field(default_factory=list)


def lifecycle_groups(rows: list[ProductLifecycle], *, mine: set[int], today: date) -> list[LifecycleGroup]:
    """The rows grouped by product (rows come ordered by product): the user's products first."""
    groups: dict[int, LifecycleGroup] = {}
    for row in rows:
        product = row.version.product
        group = groups.get(product.pk)
        if group is None:
            group = groups[product.pk] = LifecycleGroup(product=product, mine=product.pk in mine)
        group.lines.append(LifecycleLine(row=row, status=row.status_on(today)))
    return sorted(groups.values(), key=lambda group: not group.mine)


def event_when(event: Event) -> str:
    """ "10/12/2026, 14:00–15:00 (horário de Brasília)"."""
    start, end = local(event.starts_at), local(event.ends_at)
    end_text = end.strftime("%H:%M") if end.date() == start.date() else format_local(end)
    return str(_("%(start)s–%(end)s (horário de Brasília)")) % {"start": format_local(start), "end": end_text}
