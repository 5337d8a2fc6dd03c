"""Browser journey (issue 12, items 6-7 and canned replies): an analyst asks the client for data
with a canned reply on an unassigned ticket and becomes its owner; a refused transfer stays on the
ticket's page with its layout; the analyst proposes a solution; the client reads both, with the
analyst's name instead of "ainda não atribuído"."""

import pytest

from tests.helpers import browser_login, screenshot
from tickets.models import CannedReply, Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_uses_the_dedicated_actions_and_a_canned_reply(page, world, catalogue, open_ticket):
    ticket = open_ticket(world.contact.user, summary="Nota fiscal rejeitada na transmissão")
    CannedReply.objects.create(
        team=catalogue.team,
        title="Pedir o XML",
        body="Olá, {cliente}. Para seguir com o chamado {chamado}, envie o XML da nota. {analista}",
    )
    CannedReply.objects.create(team=catalogue.fiscal_team, title="Resposta de outra equipe", body="x")
    work = f"{page.base_url}/admin/tickets/ticket/{ticket.pk}/change/"

    browser_login(page, world.analyst.email)
    page.goto(work)
    page.get_by_text("Pedir dados ao cliente", exact=True).first.click()  # opens the action
    box = page.get_by_label("O que falta (visível ao cliente)")
    chooser = page.locator("#acao-request_data").get_by_label("Inserir resposta pronta")
    assert "Resposta de outra equipe" not in chooser.inner_text()
    chooser.select_option(label="Pedir o XML")
    expected = (
        f"Olá, {world.contact.user.full_name}. Para seguir com o chamado {ticket.number}, "
        f"envie o XML da nota. {world.analyst.full_name}"
    )
    assert box.input_value() == expected
    screenshot(page, "tickets-work-request-data")
    page.get_by_role("button", name="Pedir dados ao cliente").click()
    page.wait_for_load_state()
    assert page.url.startswith(work)
    assert page.get_by_text("situação alterada para “Pendência do cliente”").first.is_visible()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.PENDING_CLIENT and ticket.assignee == world.analyst

    # A refused transfer (no team, no message) stays on the ticket's page, its layout intact.
    page.get_by_text("Transferir", exact=True).first.click()
    page.locator("#acao-transfer").get_by_role("button", name="Transferir").click()
    page.wait_for_load_state()
    assert page.url.rstrip("#") == work
    assert page.locator("#acao-transfer").get_by_text("Este campo é obrigatório.").first.is_visible()
    side, main = page.locator(".tk-side").bounding_box(), page.locator(".tk-main").bounding_box()
    assert side["x"] > main["x"] + main["width"] - 1 and side["y"] < main["y"] + 200  # beside, not below
    assert page.locator("#nav-sidebar").is_visible()
    screenshot(page, "tickets-work-refused-transfer")

    page.get_by_text("Propor solução", exact=True).first.click()
    page.get_by_label("Solução proposta (visível ao cliente)").fill("Atualize o pacote 12.1.2410.")
    page.get_by_role("button", name="Propor solução").click()
    page.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_VALIDATION

    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/chamados/{ticket.number}/")
    assert page.get_by_text(expected).first.is_visible()
    assert page.get_by_text("Atualize o pacote 12.1.2410.").first.is_visible()
    assert page.get_by_text("ainda não atribuído").count() == 0
    assert page.get_by_text(world.analyst.full_name).first.is_visible()
    screenshot(page, "tickets-detail-after-dedicated-actions")
