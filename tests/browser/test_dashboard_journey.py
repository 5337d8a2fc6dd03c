"""Browser journey of the leaders' dashboard: a leader opens it from the back-office's side menu,
sees each chart drawn on its canvas and the same figures in the table beside it, filters one team,
and downloads a table as CSV; at 390 px the charts and tables stack and still show."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Survey
from tests.helpers import browser_login, screenshot
from tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("sla", "backlog", "prazos", "satisfacao", "evitados")


def _drawn(page, key: str) -> bool:
    return page.evaluate(f"() => !!document.getElementById('chart-{key}').chart")


def test_a_leader_reads_the_dashboard_charts_and_tables(page, world, catalogue, open_ticket):
    now = timezone.now()
    closed = open_ticket(world.contact.user, summary="Boleto em duplicidade")
    Ticket.objects.filter(pk=closed.pk).update(
        status=Ticket.Status.CLOSED, closed_at=now - timedelta(minutes=5), sla_due_at=None
    )
    Survey.objects.create(
        ticket=closed,
        analyst=world.analyst,
        team=catalogue.team,
        sent_at=now - timedelta(minutes=5),
        answered_at=now - timedelta(minutes=4),
        rating=5,
        comment="Atendimento excelente.",
    )
    open_ticket(world.contact.user, summary="Nota rejeitada")  # open, new: the backlog

    page.set_viewport_size({"width": 1366, "height": 900})
    browser_login(page, world.leader.email)
    page.goto(f"{page.base_url}/admin/")
    page.locator("#content-main").get_by_role("link", name="Indicadores do atendimento").click()
    page.get_by_role("heading", name="Painel dos líderes").wait_for()
    for key in CHARTS:
        assert page.locator(f"canvas#chart-{key}").is_visible()
    page.wait_for_function("() => !!document.getElementById('chart-evitados').chart")
    assert all(_drawn(page, key) for key in CHARTS)

    sla = page.locator("#painel-sla table")
    assert sla.get_by_role("rowheader", name="Backoffice").is_visible()
    assert [cell.strip() for cell in sla.locator("tbody tr").first.locator("td").all_inner_texts()][1:] == [
        "1",
        "1",
        "0",
        "100",
    ]
    backlog = page.locator("#painel-backlog table")
    assert backlog.locator("tbody tr").first.locator("th").inner_text() == "Novo"
    assert page.get_by_text("Atendimento excelente.").is_visible()
    screenshot(page, "dashboard-1366")

    page.get_by_label("Equipe", exact=True).select_option(label="Fiscal")
    page.get_by_role("button", name="Mostrar").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nenhum chamado encerrado no período.").is_visible()

    with page.expect_download() as download:
        page.locator("#painel-backlog").get_by_role("link", name="Baixar CSV").click()
    assert download.value.suggested_filename.startswith("painel-backlog-")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/admin/painel/")
    page.wait_for_function("() => !!document.getElementById('chart-evitados').chart")
    box = page.locator("canvas#chart-sla").bounding_box()
    assert box is not None and 0 < box["width"] <= 390
    assert page.locator("#painel-sla table").is_visible()
    screenshot(page, "dashboard-390")
