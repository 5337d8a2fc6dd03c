"""The paginator that annotates only its page's rows (core.paging)."""

from django.core.paginator import Paginator
from django.db.models import Value

from core.paging import PageAnnotatingPaginator
from tickets.models import Ticket


def test_pages_hold_the_same_rows_in_the_same_order_and_only_they_are_annotated(world, open_ticket):
    for index in range(7):
        open_ticket(world.contact.user, summary=f"Chamado {index}")
    tickets = Ticket.objects.order_by("-created_at", "-pk")
    plain = Paginator(tickets, 3)
    annotating = PageAnnotatingPaginator(tickets, 3, annotate=lambda rows: rows.annotate(marked=Value(1)))
    assert annotating.num_pages == plain.num_pages == 3
    for number in plain.page_range:
        page = annotating.page(number)
        assert [t.pk for t in page.object_list] == [t.pk for t in plain.page(number).object_list]
        assert all(t.marked == 1 for t in page.object_list)
        # The per-row annotations run on the page's keys, not on the rows an OFFSET skips.
        sql = str(page.object_list.query).upper()
        assert "IN (SELECT" in sql and "OFFSET" not in sql.split("IN (SELECT")[0]
