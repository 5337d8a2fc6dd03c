"""Browser journey of the ticket statement (TKT-11): it opens on this month, "Mês passado" shows
last month's tickets, and on a 390 px phone each ticket is a readable block (no squeezed column)."""

from datetime import datetime, time, timedelta

import pytest

from core.periods import SAO_PAULO, local_today
from tests.helpers import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_last_month_preset_and_the_phone_layout(page, browser, live_server, world, open_ticket):
    first_of_month = local_today().replace(day=1)
    last_month = datetime.combine(first_of_month - timedelta(days=3), time(10), tzinfo=SAO_PAULO)
    old = open_ticket(
        world.contact.user, now=last_month, summary="Relatório de estoque com o saldo do mês errado"
    )
    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/chamados/extrato/")
    presets = page.get_by_role("navigation", name="Períodos prontos")
    assert presets.get_by_role("link", name="Este mês").get_attribute("aria-current") == "true"
    assert page.get_by_text(old.number).count() == 0
    presets.get_by_role("link", name="Mês passado").click()
    page.get_by_role("link", name=old.number).wait_for()
    assert presets.get_by_role("link", name="Mês passado").get_attribute("aria-current") == "true"
    screenshot(page, "statement-last-month-1366")
    table = page.locator("table.statement-tickets").bounding_box()
    card = page.locator(".card").filter(has=page.locator("table.statement-tickets")).bounding_box()
    assert table["width"] <= card["width"] + 1  # the table fits its box at 1366 px

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR")
    phone_page = phone.new_page()
    phone_page.base_url = live_server.url
    browser_login(phone_page, world.contact.user.email)
    phone_page.goto(page.url)
    summary = phone_page.locator("td.statement-summary").first
    box = summary.bounding_box()
    assert box["width"] >= 300  # the summary takes the row's width instead of a squeezed column
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    assert summary.inner_text().startswith("Relatório de estoque com o saldo do mês errado")
    screenshot(phone_page, "statement-last-month-390")
    phone.close()
