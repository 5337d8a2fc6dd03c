"""The back-office queue at 1366 px (issue 12, item 7): the table fits its box, the badges show their
whole (short) text on one line, and a long label keeps its full words in the badge's title."""

import pytest

from accounts.models import Company
from tests.helpers import browser_login, screenshot
from tickets import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every badge's box holds its text (nothing clipped, no ellipsis) on one line.
BADGES = """() => [...document.querySelectorAll('#result_list td .tk-badge')].map(e => ({
    text: (e.querySelector('[aria-hidden="true"]') || e).textContent.trim(), title: e.title,
    clipped: e.scrollWidth > e.clientWidth + 1,
    lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)),
}))"""
FITS = """() => { const table = document.querySelector('#result_list');
    const box = table.closest('.results');
    return {table: table.getBoundingClientRect().width, box: box.clientWidth,
            scroll: box.scrollWidth, page: document.documentElement.scrollWidth}; }"""


@pytest.fixture
def queue(world, catalogue, open_ticket):
    """A ticket in every open status, one of a company with a long name, one summary a long word."""
    Company.objects.filter(pk=world.other_company.pk).update(
        trade_name="Distribuidora de Materiais Elétricos Beta do Sudeste"
    )
    moves = {
        "pending_client": "Envie o XML da nota, por favor.",
        "in_maintenance": "",
        "awaiting_validation": "Corrigido na release 2410.",
    }
    for index, status in enumerate(["new", "in_analysis", *moves]):
        user = world.other_contact.user if index % 2 else world.contact.user
        summary = f"Nota fiscal rejeitada na transmissão, caso {index}"
        if index == 1:  # one long word (a pasted path or formula) must wrap, not push the SLA out of view
            summary = '=HYPERLINK("https://erp.example/notas/rejeitadas/2026/11/539.xml","ver")'
        ticket = open_ticket(user, summary=summary)
        if status != "new":
            services.ticket_transition(actor=world.analyst, ticket=ticket, to_status="in_analysis")
        if status in moves:
            services.ticket_transition(
                actor=world.analyst, ticket=ticket, to_status=status, reason=moves[status]
            )
        services.ticket_assign(actor=world.analyst, ticket=ticket, assignee=world.leader)


def test_the_queue_fits_1366_px_and_its_badges_are_read_whole(page, world, queue):
    page.set_viewport_size({"width": 1366, "height": 900})
    browser_login(page, world.analyst.email)
    page.goto(page.base_url + "/admin/tickets/ticket/")
    assert page.get_by_role("heading", name="Fila de chamados").is_visible()
    screenshot(page, "queue-1366")

    fits = page.evaluate(FITS)
    assert fits["table"] <= fits["box"] and fits["scroll"] <= fits["box"], fits
    assert fits["page"] <= 1366, fits
    badges = page.evaluate(BADGES)
    assert len(badges) == 15  # status, severity and SLA of five tickets
    assert [b for b in badges if b["clipped"] or b["lines"] != 1] == []
    # Short words in the columns, the whole label in the title.
    texts = {b["text"]: b["title"] for b in badges}
    assert texts["Pendência"] == "Pendência do cliente"
    assert texts["Validação"] == "Validação do cliente"
    assert texts["Parado"] == "Relógio parado"

    # The analyst narrows the queue to the stopped clocks: two tickets wait on the client.
    page.locator("#changelist-filter").get_by_role("link", name="Relógio parado").click()
    page.wait_for_load_state()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    shown = rows.locator('td.field-sla_badge [aria-hidden="true"]').all_text_contents()
    assert shown == ["Parado", "Parado"]
    assert page.locator("p.paginator").inner_text().strip() == "2 chamados"


def test_on_a_phone_the_table_scrolls_inside_its_box(page, world, queue):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, world.analyst.email)
    page.goto(page.base_url + "/admin/tickets/ticket/")
    screenshot(page, "queue-390")
    fits = page.evaluate(FITS)
    assert fits["page"] <= 390, fits  # the page itself never scrolls sideways
    assert fits["scroll"] > fits["box"]  # the table does, inside its box
    assert page.locator("#result_list th.column-deadline").is_hidden()
    assert page.locator("#result_list th.column-time_left").is_visible()
