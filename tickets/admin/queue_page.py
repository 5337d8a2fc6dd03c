"""The queue's page (TKT-5): the rows it reads and the count it shows, whatever the queue's size."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.functional import cached_property

from core.admin import GuardedChangeList

from ..models.ticket import SLA_STATE_FIELDS

# What a queue row shows and computes (its columns, the SLA state and business time left, the
# checkbox's label), with the joined rows' names: a ticket row is some 50 columns, the company's
# as many again; the page decodes only these.
QUEUE_COLUMNS = (
    *SLA_STATE_FIELDS,
    "number",
    "summary",
    "severity",
    "created_at",
    "sla_rank",
    "sla_snapshot",
    "company__trade_name",
    "team__name",
    "assignee__full_name",
    "assignee__email",
)


class QueueChangeList(GuardedChangeList):
    """The page's rows read `QUEUE_COLUMNS` only; the bulk actions and the work page read whole
    tickets (their own queryset)."""

    def get_results(self, request):
        whole = self.queryset
        self.queryset = whole.only(*QUEUE_COLUMNS)
        try:
            super().get_results(request)
        finally:
            self.queryset = whole


class CappedPaginator(Paginator):
    """Counts up to `CAP` rows and says "10.000+" beyond: counting every open ticket of a large
    queue would cost more than the page itself. The pages past the cap are not offered (narrow the
    filters instead)."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        # Only the primary keys, in no order: the count needs neither the page's annotations
        # nor its ordering (15 -> 3 ms for 10,000 open tickets).
        rows = self.object_list.order_by().values("pk")  # type: ignore[attr-defined]
        counted = rows[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)

    @property
    def count_label(self) -> str:
        label = number_format(self.count, force_grouping=True)
        return f"{label}+" if getattr(self, "capped", False) else label
